/** Italian labels for enumerations that the UI shows (shared by pages and exports). */
export const ENTE_KIND_LABELS: Record<string, string> = {
	regione: 'Regione',
	prefettura: 'Prefettura / Sportello Unico per l’Immigrazione',
	ispettorato_lavoro: 'Ispettorato del lavoro',
	comune: 'Comune',
	asl: 'Azienda sanitaria (ASL)',
	centro_impiego: 'Centro per l’impiego',
	terzo_settore: 'Terzo settore',
	parte_sociale: 'Parte sociale',
	ministero: 'Ministero',
	altro: 'Altro'
};
