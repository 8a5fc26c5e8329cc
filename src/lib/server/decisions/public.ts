/**
 * The public register: only decisions whose visibility is `pubblica`, of public tavoli, ever leave
 * through here (pages, feeds, JSON, CSV, search results and counts all use `publicWhere`).
 */
import { db } from '../db/index.js';
import { ValidationError } from '../errors.js';
import {
	OUTCOMES,
	TYPES,
	isOutcome,
	isType,
	refOf,
	type DecisionType,
	type Outcome,
	type Vote,
	type Voting
} from '../../decisions/model.js';
import { ftsQuery, type Decision } from './rows.js';
import { memo } from './version.js';

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
				if (!isType(v))
					throw new ValidationError({
						tipo: `Tipo non valido: «${v}» (ammessi: ${TYPES.join(', ')})`
					});
				f.tipo = v as DecisionType;
				break;
			case 'esito':
				if (!isOutcome(v))
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
	voting: Voting;
	decidedOn: string;
	publishedAt: string;
	seq: number;
	prevHash: string | null;
	hash: string;
	rettifica: string | null;
	rettificataDa: string[];
	votes: { enteId: number; enteName: string; vote: Vote }[];
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
			.all(...ids) as { decisionId: number; enteId: number; enteName: string; vote: Vote }[]
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
