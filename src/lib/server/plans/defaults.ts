/**
 * The lists every tavolo's plan starts with, from the public documents in shared/seeds: the five
 * priorities of the 2014–2020 Piani integrati (002) and the nine activity lines of PRIMA, Avviso
 * 2/2018 (004); the funding lines those documents name. The segreteria edits them per tavolo.
 */
export const DEFAULT_PRIORITIES: [string, string][] = [
	['P1', 'Partecipazione dei migranti alle politiche attive del lavoro e di integrazione sociale'],
	[
		'P2',
		'Contrasto alla povertà e all’esclusione sociale dei migranti di lungo periodo con familiari a carico'
	],
	[
		'P3',
		'Inserimento socio-lavorativo di target vulnerabili (protezione internazionale, minori non accompagnati)'
	],
	['P4', 'Giovani di origine migrante: dispersione scolastica e raccordo tra formazione e lavoro'],
	['P5', 'Attitudini imprenditoriali dei cittadini migranti e valorizzazione delle competenze'],
	['L1', 'PRIMA – Facilitazione dell’accesso ai servizi'],
	['L2', 'PRIMA – Validazione delle competenze'],
	['L3', 'PRIMA – Consolidamento della governance multilivello'],
	['L4', 'PRIMA – Tracciabilità delle politiche e azioni POR FSE'],
	['L5', 'PRIMA – Attivazione e potenziamento di strumenti ad hoc'],
	['L6', 'PRIMA – Percorsi di sensibilizzazione'],
	['L7', 'PRIMA – Azioni innovative in settori emergenti'],
	['L8', 'PRIMA – Messa a sistema di modelli e metodologie con risorse regionali e comunitarie'],
	['L9', 'PRIMA – Validazione dei titoli conseguiti nei Paesi di origine']
];

export const DEFAULT_FUNDS: [string, string][] = [
	['FAMI', 'FAMI – Fondo Asilo, Migrazione e Integrazione'],
	['FSE-PON', 'FSE / PON Inclusione'],
	['FPM', 'Fondo Politiche Migratorie'],
	['REG', 'Fondi regionali']
];
