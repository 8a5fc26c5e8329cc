/** Labels shared by the document pages (Italian, as the domain words go). */
export const KIND_LABELS: Record<string, string> = {
	piano: 'Piani di attività',
	verbale: 'Verbali',
	accordo: 'Accordi',
	nota: 'Note'
};
export const KIND_SINGULAR: Record<string, string> = {
	piano: 'Piano di attività',
	verbale: 'Verbale',
	accordo: 'Accordo',
	nota: 'Nota'
};
export const SUBKIND_LABELS: Record<string, string> = {
	protocollo_intesa: 'Protocollo d’intesa',
	convenzione: 'Convenzione',
	accordo_programma: 'Accordo di programma'
};

export function formatDateTime(iso: string): string {
	return new Date(iso).toLocaleString('it-IT', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'Europe/Rome'
	});
}
