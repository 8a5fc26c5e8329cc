/** The plan's actions as files: CSV for Italian spreadsheets (through the one CSV writer) and JSON. */
import type { SessionUser } from '../auth/session.js';
import { toCsvText } from '../http/csv.js';
import { recordExport } from '../audit/index.js';
import { view } from './view.js';

const CSV_COLUMNS = [
	'id',
	'titolo',
	'descrizione',
	'ente_capofila',
	'enti_partner',
	'inizio',
	'fine',
	'stato',
	'in_ritardo',
	'fondo',
	'codice_programma',
	'budget_eur',
	'area_prioritaria',
	'indicatori',
	'proroghe',
	'segnalazioni'
];

/**
 * The plan's actions as CSV for Italian spreadsheets: ';' separator, decimal comma, UTF-8 with
 * BOM, ISO dates. Invalid values are exported as typed, with the warning in 'segnalazioni'.
 */
export function exportCsv(user: SessionUser | null, tavoloId: number): string {
	const v = view(user, tavoloId);
	const ente = new Map(v.enti.map((e) => [e.id, e.name]));
	const name = (id: number) => ente.get(id) ?? `Ente sconosciuto (${id})`;
	const it = (n: number | null) => (n == null ? '' : String(n).replace('.', ','));
	const lines: unknown[][] = [];
	for (const r of v.rows) {
		lines.push([
			r.id,
			r.titolo,
			r.descrizione,
			r.capofila == null ? '' : name(r.capofila),
			r.partner.map(name).join(', '),
			r.inizio,
			r.fine,
			r.stato,
			r.fine && r.fine < v.today && r.stato !== 'completata' ? 'sì' : 'no',
			r.fondo,
			r.codice,
			r.budget != null ? it(r.budget) : (r.budgetRaw ?? ''),
			r.priorita,
			r.indicatori
				.map(
					(i) =>
						`${i.nome} (${i.unita}): ${i.raw.baseline ?? it(i.baseline)} → ${i.raw.target ?? it(i.target)}, attuale ${i.raw.valore ?? it(i.valore)}`
				)
				.join(' | '),
			r.proroghe
				.map((p) => `${p.finePrecedente} → ${p.fine}: ${p.motivo} (${p.da}, ${p.il.slice(0, 10)})`)
				.join(' | '),
			r.issues.map((i) => i.message).join(' | ')
		]);
	}
	recordExport(user, tavoloId, 'piano.csv', { rows: lines.length });
	return toCsvText(CSV_COLUMNS, lines, ';');
}

export function exportJson(user: SessionUser | null, tavoloId: number) {
	const v = view(user, tavoloId);
	recordExport(user, tavoloId, 'piano.json', { rows: v.rows.length });
	const ente = new Map(v.enti.map((e) => [e.id, e.name]));
	return {
		piano: v.plan
			? {
					titolo: v.plan.title,
					tavoloId,
					documento: v.plan.documentId,
					generato: new Date().toISOString()
				}
			: null,
		aree: v.options
			.filter((o) => o.kind === 'priorita')
			.map(({ code, label }) => ({ codice: code, descrizione: label })),
		fondi: v.options
			.filter((o) => o.kind === 'fondo')
			.map(({ code, label }) => ({ codice: code, descrizione: label })),
		azioni: v.rows.map((r) => ({
			id: r.id,
			titolo: r.titolo,
			descrizione: r.descrizione,
			capofila: r.capofila == null ? null : { id: r.capofila, nome: ente.get(r.capofila) ?? null },
			partner: r.partner.map((id) => ({ id, nome: ente.get(id) ?? null })),
			inizio: r.inizio || null,
			fine: r.fine || null,
			stato: r.stato,
			inRitardo: !!r.fine && r.fine < v.today && r.stato !== 'completata',
			fondo: r.fondo || null,
			codiceProgramma: r.codice || null,
			budgetEur: r.budget,
			budgetNonValido: r.budgetRaw,
			areaPrioritaria: r.priorita || null,
			indicatori: r.indicatori.map((i) => ({
				nome: i.nome,
				unita: i.unita,
				partenza: i.baseline,
				obiettivo: i.target,
				attuale: i.valore,
				valoriNonValidi: i.valid ? null : i.raw,
				avanzamento: i.progress
			})),
			proroghe: r.proroghe.map((p) => ({
				nuovaFine: p.fine,
				finePrecedente: p.finePrecedente,
				motivo: p.motivo,
				da: p.da,
				il: p.il
			})),
			segnalazioni: r.issues
		}))
	};
}
