/**
 * The public register: only decisions whose visibility is `pubblica`, of public tavoli, ever leave
 * through here (pages, feeds, JSON, CSV, search results and counts all use `publicWhere`).
 */
import type { Statement } from 'better-sqlite3';
import { db } from '../db/index.js';
import { ValidationError } from '../errors.js';
import { toCsvText } from '../http/csv.js';
import {
	OUTCOMES,
	TYPES,
	ftsQuery,
	refOf,
	type Decision,
	type DecisionType,
	type Outcome
} from './index.js';

/**
 * The register's version: SQLite's own change counters, so writes from this process
 * (total_changes) and from any other connection (data_version) both move it. O(1).
 */
export function registerVersion(): string {
	const d = db();
	if (versionStmts?.db !== d)
		versionStmts = {
			db: d,
			dv: d.prepare('PRAGMA data_version').pluck(),
			tc: d.prepare('SELECT total_changes()').pluck()
		};
	return `${versionStmts.dv.get()}.${versionStmts.tc.get()}`;
}
// Prepared once per handle: this runs on every register request, cached or not.
let versionStmts: { db: ReturnType<typeof db>; dv: Statement; tc: Statement } | null = null;

// Counts and facets are the expensive part of a page (they touch every public row): remembered
// until the register changes.
let memoVersion = '';
const memoStore = new Map<string, unknown>();
function memo<T>(key: string, fn: () => T): T {
	const v = registerVersion();
	if (v !== memoVersion) {
		memoVersion = v;
		memoStore.clear();
	}
	if (!memoStore.has(key)) {
		if (memoStore.size > 1000) memoStore.clear();
		memoStore.set(key, fn());
	}
	return memoStore.get(key) as T;
}

export interface PublicFilters {
	tavolo?: string;
	regione?: string;
	anno?: number;
	tipo?: DecisionType;
	esito?: Outcome;
	q?: string;
	pagina: number;
	perPagina: number;
}

const ALLOWED = ['tavolo', 'regione', 'anno', 'tipo', 'esito', 'q', 'pagina', 'per_pagina'];

/** Parses the query string strictly: an unknown or malformed parameter is a 400 with the reason. */
export function parseFilters(
	params: URLSearchParams,
	opts: { perPagina?: number; maxPerPagina?: number; allowPaging?: boolean } = {}
): PublicFilters {
	const f: PublicFilters = { pagina: 1, perPagina: opts.perPagina ?? 20 };
	const seen = new Set<string>();
	for (const [k, raw] of params) {
		if (!ALLOWED.includes(k) || (!opts.allowPaging && (k === 'pagina' || k === 'per_pagina')))
			throw new ValidationError({
				[k]: `Filtro sconosciuto «${k}»: usa ${ALLOWED.filter((a) => opts.allowPaging || !a.includes('pagina')).join(', ')}`
			});
		if (seen.has(k)) throw new ValidationError({ [k]: `Il filtro «${k}» è ripetuto` });
		seen.add(k);
		const v = raw.trim();
		if (v === '') continue;
		switch (k) {
			case 'tavolo':
				if (!/^[a-z0-9-]{1,120}$/.test(v))
					throw new ValidationError({ tavolo: `Tavolo non valido: «${v}»` });
				f.tavolo = v;
				break;
			case 'regione':
				if (v.length > 60) throw new ValidationError({ regione: 'Regione non valida' });
				f.regione = v;
				break;
			case 'anno':
				if (!/^\d{4}$/.test(v) || +v < 2000 || +v > 2100)
					throw new ValidationError({ anno: `Anno non valido: «${v}» (quattro cifre, es. 2026)` });
				f.anno = +v;
				break;
			case 'tipo':
				if (!(TYPES as readonly string[]).includes(v))
					throw new ValidationError({
						tipo: `Tipo non valido: «${v}» (ammessi: ${TYPES.join(', ')})`
					});
				f.tipo = v as DecisionType;
				break;
			case 'esito':
				if (!(OUTCOMES as readonly string[]).includes(v))
					throw new ValidationError({
						esito: `Esito non valido: «${v}» (ammessi: ${OUTCOMES.join(', ')})`
					});
				f.esito = v as Outcome;
				break;
			case 'q':
				if (v.length > 200)
					throw new ValidationError({ q: 'Testo di ricerca troppo lungo (massimo 200 caratteri)' });
				f.q = v;
				break;
			case 'pagina':
				if (!/^\d{1,6}$/.test(v) || +v < 1)
					throw new ValidationError({ pagina: `Pagina non valida: «${v}»` });
				f.pagina = +v;
				break;
			case 'per_pagina': {
				const max = opts.maxPerPagina ?? 100;
				if (!/^\d{1,5}$/.test(v) || +v < 1 || +v > max)
					throw new ValidationError({ per_pagina: `per_pagina deve essere tra 1 e ${max}` });
				f.perPagina = +v;
				break;
			}
		}
	}
	return f;
}

function where(f: PublicFilters): { sql: string; args: unknown[] } {
	const w = [`d.status = 'pubblicata'`, `d.visibility = 'pubblica'`, `t.is_public = 1`];
	const args: unknown[] = [];
	if (f.tavolo) (w.push('t.slug = ?'), args.push(f.tavolo));
	if (f.regione) (w.push('t.region = ? COLLATE NOCASE'), args.push(f.regione));
	if (f.anno) (w.push('d.year = ?'), args.push(f.anno));
	if (f.tipo) (w.push('d.type = ?'), args.push(f.tipo));
	if (f.esito) (w.push('d.outcome = ?'), args.push(f.esito));
	const q = f.q ? ftsQuery(f.q) : null;
	if (q)
		(w.push('d.id IN (SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ?)'), args.push(q));
	return { sql: w.join(' AND '), args };
}

export interface PublicDecision {
	id: number;
	ref: string;
	year: number;
	number: number;
	tavoloId: number;
	tavoloSlug: string;
	tavoloName: string;
	region: string | null;
	title: string;
	body: string;
	type: DecisionType;
	outcome: Outcome;
	voting: 'consenso' | 'voti';
	decidedOn: string;
	publishedAt: string;
	seq: number;
	prevHash: string | null;
	hash: string;
	rettifica: string | null;
	rettificataDa: string[];
	votes: { enteId: number; enteName: string; vote: string }[];
	attachments: {
		documentId: string | null;
		versionId: number | null;
		title: string;
		sha256: string;
	}[];
	albo: Decision['albo'];
}

const COLS = `d.id, d.year, d.number, d.tavolo_id AS tavoloId, t.slug AS tavoloSlug, t.name AS tavoloName, t.region,
	d.title, d.body, d.type, d.outcome, d.voting, d.decided_on AS decidedOn, d.published_at AS publishedAt,
	d.chain_seq AS seq, d.prev_hash AS prevHash, d.hash, r.year AS rYear, r.number AS rNumber`;

type Raw = Omit<
	PublicDecision,
	'ref' | 'rettifica' | 'rettificataDa' | 'votes' | 'attachments' | 'albo'
> & { rYear: number | null; rNumber: number | null };

/** Adds votes, attachments, links and albo in a few set queries (not one per row). */
function complete(rows: Raw[]): PublicDecision[] {
	if (!rows.length) return [];
	const ids = rows.map((r) => r.id);
	const inList = ids.map(() => '?').join(',');
	const d = db();
	const group = <T extends { decisionId: number }>(list: T[]) => {
		const m = new Map<number, T[]>();
		for (const x of list)
			(m.get(x.decisionId) ?? m.set(x.decisionId, []).get(x.decisionId)!).push(x);
		return m;
	};
	const votes = group(
		d
			.prepare(
				`SELECT decision_id AS decisionId, ente_id AS enteId, ente_name AS enteName, vote FROM decision_votes WHERE decision_id IN (${inList}) ORDER BY ente_id`
			)
			.all(...ids) as { decisionId: number; enteId: number; enteName: string; vote: string }[]
	);
	const atts = group(
		d
			.prepare(
				`SELECT decision_id AS decisionId, document_id AS documentId, version_id AS versionId, title, sha256 FROM decision_attachments WHERE decision_id IN (${inList}) ORDER BY position`
			)
			.all(...ids) as {
			decisionId: number;
			documentId: string | null;
			versionId: number | null;
			title: string;
			sha256: string;
		}[]
	);
	// Only public rettifiche are named: a reserved correction stays invisible here too. (The unary
	// + keeps SQLite on the rettifica_of index.)
	const corr = group(
		d
			.prepare(
				`SELECT rettifica_of AS decisionId, year, number FROM decisions WHERE rettifica_of IN (${inList}) AND +status = 'pubblicata' AND +visibility = 'pubblica' ORDER BY year, number`
			)
			.all(...ids) as { decisionId: number; year: number; number: number }[]
	);
	const albo = group(
		d
			.prepare(
				`SELECT decision_id AS decisionId, ente_name AS enteName, number, published_on AS publishedOn, url FROM decision_albo WHERE decision_id IN (${inList})`
			)
			.all(...ids) as {
			decisionId: number;
			enteName: string;
			number: string;
			publishedOn: string;
			url: string;
		}[]
	);
	return rows.map(({ rYear, rNumber, ...r }) => ({
		...r,
		ref: `${r.number}/${r.year}`,
		rettifica: refOf({ year: rYear, number: rNumber }),
		rettificataDa: (corr.get(r.id) ?? []).map((c) => `${c.number}/${c.year}`),
		votes: (votes.get(r.id) ?? []).map(({ decisionId: _, ...v }) => v),
		attachments: (atts.get(r.id) ?? []).map(({ decisionId: _, ...a }) => a),
		albo: albo.get(r.id)?.map(({ decisionId: _, ...a }) => a)[0] ?? null
	}));
}

const FROM = `FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id LEFT JOIN decisions r ON r.id = d.rettifica_of`;

/** A page of public decisions, newest first, with the total matching (public ones only). */
export function publicList(f: PublicFilters): { total: number; items: PublicDecision[] } {
	const { sql, args } = where(f);
	const total = memo(
		`count|${JSON.stringify(args)}|${sql}`,
		() =>
			(
				db()
					.prepare(
						`SELECT COUNT(*) AS n FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE ${sql}`
					)
					.get(...args) as { n: number }
			).n
	);
	// Ids first (an index-only walk, cheap to skip for deep pages), then the rows of this page.
	const ids = (
		db()
			.prepare(
				`SELECT d.id FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE ${sql} ORDER BY d.published_at DESC, d.id DESC LIMIT ? OFFSET ?`
			)
			.all(...args, f.perPagina, (f.pagina - 1) * f.perPagina) as { id: number }[]
	).map((r) => r.id);
	if (!ids.length) return { total, items: [] };
	const byId = new Map(
		(
			db()
				.prepare(`SELECT ${COLS} ${FROM} WHERE d.id IN (${ids.map(() => '?').join(',')})`)
				.all(...ids) as Raw[]
		).map((r) => [r.id, r])
	);
	return { total, items: complete(ids.map((id) => byId.get(id)!)) };
}

/** Every public decision matching, in chain order per tavolo (for CSV and verification). */
export function publicAll(f: Omit<PublicFilters, 'pagina' | 'perPagina'>): PublicDecision[] {
	const { sql, args } = where({ ...f, pagina: 1, perPagina: 1 });
	return complete(
		db()
			.prepare(`SELECT ${COLS} ${FROM} WHERE ${sql} ORDER BY t.slug, d.chain_seq`)
			.all(...args) as Raw[]
	);
}

/** The citable one: /registro/<tavolo>/<year>/<number>. Null when not public (→ 404). */
export function publicByRef(slug: string, year: number, number: number): PublicDecision | null {
	const row = db()
		.prepare(
			`SELECT ${COLS} ${FROM} WHERE d.status = 'pubblicata' AND d.visibility = 'pubblica' AND t.is_public = 1 AND t.slug = ? AND d.year = ? AND d.number = ?`
		)
		.get(slug, year, number) as Raw | undefined;
	return row ? complete([row])[0] : null;
}

export function publicFacets(): {
	tavoli: { slug: string; name: string }[];
	regions: string[];
	years: number[];
} {
	return memo('facets', facets);
}

function facets(): {
	tavoli: { slug: string; name: string }[];
	regions: string[];
	years: number[];
} {
	const base = `FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE d.status = 'pubblicata' AND d.visibility = 'pubblica' AND t.is_public = 1`;
	const d = db();
	return {
		tavoli: d.prepare(`SELECT DISTINCT t.slug, t.name ${base} ORDER BY t.name`).all() as {
			slug: string;
			name: string;
		}[],
		regions: (
			d
				.prepare(`SELECT DISTINCT t.region ${base} AND t.region IS NOT NULL ORDER BY t.region`)
				.all() as { region: string }[]
		).map((r) => r.region),
		years: (
			d.prepare(`SELECT DISTINCT d.year ${base} ORDER BY d.year DESC`).all() as { year: number }[]
		).map((r) => r.year)
	};
}

/** A public tavolo by slug, or null (private or unknown tavoli look the same: absent). */
export function publicTavolo(
	slug: string
): { id: number; slug: string; name: string; region: string | null } | null {
	return (
		(db()
			.prepare('SELECT id, slug, name, region FROM tavoli WHERE slug = ? AND is_public = 1')
			.get(slug) as
			{ id: number; slug: string; name: string; region: string | null } | undefined) ?? null
	);
}

/** The open-data record (docs/registro.md documents every field; the schema is versioned). */
export function exportRecord(d: PublicDecision, origin: string) {
	return {
		numero: d.ref,
		anno: d.year,
		progressivo: d.number,
		tavolo_id: d.tavoloId,
		tavolo: d.tavoloSlug,
		tavolo_nome: d.tavoloName,
		regione: d.region,
		titolo: d.title,
		testo: d.body,
		tipo: d.type,
		esito: d.outcome,
		votazione: d.voting,
		voti: d.votes.map((v) => ({ ente_id: v.enteId, ente: v.enteName, voto: v.vote })),
		allegati: d.attachments.map((a) => ({
			titolo: a.title,
			sha256: a.sha256,
			documento_id: a.documentId,
			versione_id: a.versionId
		})),
		data_decisione: d.decidedOn,
		data_pubblicazione: d.publishedAt,
		rettifica: d.rettifica,
		rettificata_da: d.rettificataDa,
		albo_pretorio: d.albo
			? { ente: d.albo.enteName, numero: d.albo.number, data: d.albo.publishedOn, url: d.albo.url }
			: null,
		visibilita: 'pubblica' as const,
		catena: { sequenza: d.seq, hash_precedente: d.prevHash, hash: d.hash },
		url: `${origin}/registro/${d.tavoloSlug}/${d.year}/${d.number}`
	};
}

export const CSV_COLUMNS = [
	'numero',
	'anno',
	'progressivo',
	'tavolo',
	'tavolo_nome',
	'regione',
	'titolo',
	'testo',
	'tipo',
	'esito',
	'votazione',
	'voti',
	'allegati',
	'data_decisione',
	'data_pubblicazione',
	'rettifica',
	'rettificata_da',
	'albo_url',
	'hash_precedente',
	'hash',
	'url'
] as const;

export function toCsv(rows: PublicDecision[], origin: string): string {
	const lines: unknown[][] = [];
	for (const d of rows) {
		const r = exportRecord(d, origin);
		const rec: Record<(typeof CSV_COLUMNS)[number], unknown> = {
			numero: r.numero,
			anno: r.anno,
			progressivo: r.progressivo,
			tavolo: r.tavolo,
			tavolo_nome: r.tavolo_nome,
			regione: r.regione,
			titolo: r.titolo,
			testo: r.testo,
			tipo: r.tipo,
			esito: r.esito,
			votazione: r.votazione,
			voti: r.voti.map((v) => `${v.ente}: ${v.voto}`).join(' | '),
			allegati: r.allegati.map((a) => `${a.titolo} (sha256:${a.sha256})`).join(' | '),
			data_decisione: r.data_decisione,
			data_pubblicazione: r.data_pubblicazione,
			rettifica: r.rettifica,
			rettificata_da: r.rettificata_da.join(' | '),
			albo_url: r.albo_pretorio?.url ?? '',
			hash_precedente: r.catena.hash_precedente,
			hash: r.catena.hash,
			url: r.url
		};
		lines.push(CSV_COLUMNS.map((c) => rec[c]));
	}
	return toCsvText(CSV_COLUMNS, lines);
}
