/**
 * The pure projection: a plan's Y.Doc → plain rows with validation issues. The server writes
 * these rows to SQL (src/lib/server/plans/projection.ts); the browser computes the same rows live
 * from its own copy of the document, so the editor and the dashboards agree.
 *
 * Validation never changes the document: a bad value stays there for its authors to fix, is
 * flagged with an Italian message and is left out of totals.
 */
import * as Y from 'yjs';
import { azioni, STATI, type Stato } from './model.js';
import { romeToday } from '../rome.js';

export interface Issue {
	field: string;
	message: string;
}

export interface IndicatorRow {
	id: string;
	position: number;
	nome: string;
	unita: string;
	baseline: number | null;
	target: number | null;
	valore: number | null;
	/** Raw values as typed, when one is not numeric. */
	raw: { baseline: string | null; target: string | null; valore: string | null };
	valid: boolean;
	/** 0..1 progress from baseline to target, null when not computable. */
	progress: number | null;
	issues: Issue[];
}

export interface ProrogaRow {
	position: number;
	fine: string;
	finePrecedente: string;
	motivo: string;
	da: string;
	il: string;
}

export interface ActionRow {
	id: string;
	ordine: number;
	titolo: string;
	descrizione: string;
	codice: string;
	fondo: string;
	priorita: string;
	stato: Stato;
	inizio: string;
	fine: string;
	capofila: number | null;
	partner: number[];
	/** The budget when it is a valid amount (counted in totals), else null. */
	budget: number | null;
	/** What was typed, when it is not a valid amount. */
	budgetRaw: string | null;
	creata: string;
	indicatori: IndicatorRow[];
	proroghe: ProrogaRow[];
	issues: Issue[];
}

export interface ProjectionContext {
	/** Ids of the enti Raccordo knows; anything else is an unknown ente. */
	knownEnti: ReadonlySet<number>;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
	if (!ISO.test(s)) return false;
	const d = new Date(s + 'T00:00:00Z');
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function str(v: unknown): string {
	return typeof v === 'string' ? v : v == null ? '' : String(v);
}

function num(v: unknown): { value: number | null; raw: string | null; ok: boolean } {
	if (v == null || v === '') return { value: null, raw: null, ok: true };
	if (typeof v === 'number' && Number.isFinite(v)) return { value: v, raw: null, ok: true };
	return { value: null, raw: str(v), ok: false };
}

function formatEuro(n: number): string {
	return new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(n);
}

export function projectIndicator(m: Y.Map<unknown>, position: number): IndicatorRow {
	const issues: Issue[] = [];
	const b = num(m.get('baseline'));
	const t = num(m.get('target'));
	const v = num(m.get('valore'));
	const labels = {
		baseline: 'Il valore di partenza',
		target: 'Il valore obiettivo',
		valore: 'Il valore attuale'
	};
	for (const [k, x] of [
		['baseline', b],
		['target', t],
		['valore', v]
	] as const)
		if (!x.ok)
			issues.push({
				field: k,
				message: `${labels[k]} «${x.raw}» non è un numero: indicatore escluso dal calcolo dell’avanzamento`
			});
	const nome = str(m.get('nome')).trim();
	if (!nome) issues.push({ field: 'nome', message: 'Indicatore senza nome' });
	const valid = b.ok && t.ok && v.ok;
	let progress: number | null = null;
	if (valid && t.value != null && v.value != null) {
		const base = b.value ?? 0;
		const span = t.value - base;
		progress =
			span === 0 ? (v.value >= t.value ? 1 : 0) : Math.max(0, Math.min(1, (v.value - base) / span));
	}
	return {
		id: str(m.get('id')),
		position,
		nome,
		unita: str(m.get('unita')),
		baseline: b.value,
		target: t.value,
		valore: v.value,
		raw: { baseline: b.raw, target: t.raw, valore: v.raw },
		valid,
		progress,
		issues
	};
}

export function projectAction(id: string, a: Y.Map<unknown>, ctx: ProjectionContext): ActionRow {
	const issues: Issue[] = [];
	const inizio = str(a.get('inizio')).trim();
	const fine = str(a.get('fine')).trim();
	if (inizio && !validDate(inizio))
		issues.push({ field: 'inizio', message: `Data di inizio «${inizio}» non valida (aaaa-mm-gg)` });
	if (fine && !validDate(fine))
		issues.push({ field: 'fine', message: `Data di fine «${fine}» non valida (aaaa-mm-gg)` });
	if (validDate(inizio) && validDate(fine) && fine < inizio)
		issues.push({
			field: 'fine',
			message: 'La data di fine precede la data di inizio: azione esclusa dalla cronologia'
		});

	const rawBudget = a.get('budget');
	const b = num(rawBudget);
	let budget: number | null = b.value;
	let budgetRaw: string | null = b.raw;
	if (!b.ok)
		issues.push({
			field: 'budget',
			message: `Importo «${b.raw}» non numerico: escluso dai totali`
		});
	else if (b.value != null && b.value < 0) {
		issues.push({
			field: 'budget',
			message: `Importo negativo (${formatEuro(b.value)}): escluso dai totali`
		});
		budgetRaw = String(b.value);
		budget = null;
	}

	const capofilaV = a.get('capofila');
	const capofila = capofilaV == null || capofilaV === '' ? null : Number(capofilaV);
	if (capofila != null && (!Number.isInteger(capofila) || !ctx.knownEnti.has(capofila)))
		issues.push({
			field: 'capofila',
			message: 'Ente capofila sconosciuto: scegline uno dall’elenco degli enti'
		});

	const partnerY = a.get('partner');
	const partner = partnerY instanceof Y.Array ? (partnerY.toArray() as unknown[]).map(Number) : [];
	const unknown = partner.filter((p) => !ctx.knownEnti.has(p));
	if (unknown.length)
		issues.push({
			field: 'partner',
			message:
				unknown.length === 1
					? 'Un ente partner è sconosciuto'
					: `${unknown.length} enti partner sono sconosciuti`
		});

	const statoV = str(a.get('stato'));
	const stato: Stato = (STATI as readonly string[]).includes(statoV)
		? (statoV as Stato)
		: 'da_avviare';
	if (statoV && statoV !== stato)
		issues.push({ field: 'stato', message: `Stato «${statoV}» sconosciuto` });

	const titolo = str(a.get('titolo')).trim();
	if (!titolo) issues.push({ field: 'titolo', message: 'Azione senza titolo' });

	const indY = a.get('indicatori');
	const indicatori =
		indY instanceof Y.Array ? (indY.toArray() as Y.Map<unknown>[]).map(projectIndicator) : [];
	for (const i of indicatori)
		if (!i.valid)
			issues.push({
				field: 'indicatori',
				message: `Indicatore «${i.nome || 'senza nome'}»: ${i.issues[0]?.message ?? 'valori non validi'}`
			});

	const prY = a.get('proroghe');
	const proroghe: ProrogaRow[] =
		prY instanceof Y.Array
			? (prY.toArray() as Y.Map<unknown>[]).map((p, position) => ({
					position,
					fine: str(p.get('fine')),
					finePrecedente: str(p.get('finePrecedente')),
					motivo: str(p.get('motivo')),
					da: str(p.get('da')),
					il: str(p.get('il'))
				}))
			: [];

	return {
		id,
		ordine: Number(a.get('ordine')) || 0,
		titolo,
		descrizione: str(a.get('descrizione')),
		codice: str(a.get('codice')),
		fondo: str(a.get('fondo')),
		priorita: str(a.get('priorita')),
		stato,
		inizio,
		fine,
		capofila: capofila != null && Number.isFinite(capofila) ? capofila : null,
		partner,
		budget,
		budgetRaw,
		creata: str(a.get('creata')),
		indicatori,
		proroghe,
		issues
	};
}

/** Every action of the document, in table order (ordine, then creation, then id: deterministic). */
export function project(doc: Y.Doc, ctx: ProjectionContext): ActionRow[] {
	const rows: ActionRow[] = [];
	for (const [id, a] of azioni(doc).entries())
		if (a instanceof Y.Map) rows.push(projectAction(id, a, ctx));
	return rows.sort(
		(x, y) => x.ordine - y.ordine || x.creata.localeCompare(y.creata) || x.id.localeCompare(y.id)
	);
}

/** "in ritardo" is derived: past its end date and not completed (a suspended action is late too). */
export function isOverdue(row: Pick<ActionRow, 'fine' | 'stato'>, today: string): boolean {
	return !!row.fine && validDate(row.fine) && row.fine < today && row.stato !== 'completata';
}

export function displayStato(
	row: Pick<ActionRow, 'fine' | 'stato'>,
	today: string
): Stato | 'in_ritardo' {
	return isOverdue(row, today) ? 'in_ritardo' : row.stato;
}

/** Today as the plan counts it: Rome's calendar date (see $lib/rome), never the UTC one. */
export function todayIso(d = new Date()): string {
	return romeToday(d);
}

export interface PlanFigures {
	actions: number;
	byStatus: Record<Stato | 'in_ritardo', number>;
	budgetTotal: number;
	budgetByFund: { fondo: string; amount: number; actions: number }[];
	excludedFromTotals: number;
	overdue: ActionRow[];
	indicators: { actionId: string; actionTitle: string; indicator: IndicatorRow }[];
	excludedIndicators: number;
	recentProroghe: (ProrogaRow & { actionId: string; actionTitle: string })[];
	withIssues: number;
}

/** Overview figures of one plan, computed from rows (used live in the browser and on the server). */
export function figures(rows: ActionRow[], today: string): PlanFigures {
	const byStatus = { da_avviare: 0, in_corso: 0, completata: 0, sospesa: 0, in_ritardo: 0 };
	const funds = new Map<string, { amount: number; actions: number }>();
	let budgetTotal = 0;
	let excluded = 0;
	let excludedIndicators = 0;
	const overdue: ActionRow[] = [];
	const indicators: PlanFigures['indicators'] = [];
	const proroghe: PlanFigures['recentProroghe'] = [];
	for (const r of rows) {
		byStatus[r.stato]++;
		if (isOverdue(r, today)) {
			byStatus.in_ritardo++;
			overdue.push(r);
		}
		if (r.budget != null) {
			budgetTotal += r.budget;
			const f = funds.get(r.fondo) ?? { amount: 0, actions: 0 };
			f.amount += r.budget;
			f.actions++;
			funds.set(r.fondo, f);
		} else if (r.budgetRaw != null) excluded++;
		for (const i of r.indicatori) {
			if (i.valid) indicators.push({ actionId: r.id, actionTitle: r.titolo, indicator: i });
			else excludedIndicators++;
		}
		for (const p of r.proroghe) proroghe.push({ ...p, actionId: r.id, actionTitle: r.titolo });
	}
	return {
		actions: rows.length,
		byStatus,
		budgetTotal,
		budgetByFund: [...funds]
			.map(([fondo, v]) => ({ fondo, ...v }))
			.sort((a, b) => b.amount - a.amount),
		excludedFromTotals: excluded,
		overdue,
		indicators,
		excludedIndicators,
		recentProroghe: proroghe.sort((a, b) => b.il.localeCompare(a.il)).slice(0, 5),
		withIssues: rows.filter((r) => r.issues.length).length
	};
}

export function euro(n: number): string {
	return formatEuro(n);
}
