/**
 * Verification of the register: every chain recomputed from the rows, the first broken link of
 * each named, and numbers checked gap-free per tavolo and year.
 */
import { db } from '../db/index.js';
import { refOf, type Visibility } from '../../decisions/model.js';
import { hashOf } from './chain.js';
import { chainable, chainRows, type Row } from './rows.js';

type Linked = Pick<Row, 'seq' | 'prevHash' | 'hash'>;

/**
 * Why `row` is not a valid successor of `prev` in its chain (null when it is). `recompute` gives
 * the row's hash from its content; it runs only when the links hold.
 */
export function brokenLink(
	prev: Pick<Row, 'seq' | 'hash'> | null,
	row: Linked,
	recompute: () => string
): string | null {
	const expectedSeq = (prev?.seq ?? 0) + 1;
	if (row.seq !== expectedSeq)
		return `posizione ${row.seq} nella catena, attesa ${expectedSeq}: manca un anello`;
	if (row.prevHash !== (prev?.hash ?? null))
		return 'l’hash precedente non corrisponde alla decisione che la precede';
	if (recompute() !== row.hash)
		return 'il contenuto non corrisponde più al suo hash: la decisione è stata alterata';
	return null;
}

export interface ChainReport {
	ok: boolean;
	chains: {
		tavoloId: number;
		tavoloSlug: string;
		visibility: Visibility;
		length: number;
		ok: boolean;
	}[];
	/** The first broken link, named: which decision and why. */
	broken: { decisionId: number; tavoloSlug: string; ref: string; reason: string }[];
	checked: number;
}

/**
 * Recomputes every chain (or only the public ones) from the rows and names each chain's first
 * broken link. Also checks that numbers are gap-free per tavolo and year.
 */
export function verifyChains(opts: { publicOnly?: boolean } = {}): ChainReport {
	const d = db();
	const rows = chainRows(!!opts.publicOnly);
	const report: ChainReport = { ok: true, chains: [], broken: [], checked: rows.length };
	let key = '';
	let prev: Row | null = null;
	let chain: ChainReport['chains'][number] | null = null;
	for (const row of rows) {
		const k = `${row.tavoloId}|${row.visibility}`;
		if (k !== key) {
			key = k;
			prev = null;
			chain = {
				tavoloId: row.tavoloId,
				tavoloSlug: row.tavoloSlug,
				visibility: row.visibility,
				length: 0,
				ok: true
			};
			report.chains.push(chain);
		}
		chain!.length++;
		if (chain!.ok) {
			const reason = brokenLink(prev, row, () => hashOf(chainable(d, row)));
			if (reason) {
				chain!.ok = false;
				report.ok = false;
				report.broken.push({
					decisionId: row.id,
					tavoloSlug: row.tavoloSlug,
					ref: refOf(row)!,
					reason
				});
			}
		}
		prev = row;
	}
	if (!opts.publicOnly) {
		// Numbers: 1..n without gaps in every tavolo and year.
		const years = d
			.prepare(
				"SELECT d.tavolo_id AS tavoloId, t.slug, d.year, COUNT(*) AS n, MAX(d.number) AS max FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE d.status = 'pubblicata' GROUP BY d.tavolo_id, d.year"
			)
			.all() as { tavoloId: number; slug: string; year: number; n: number; max: number }[];
		for (const y of years)
			if (y.n !== y.max) {
				report.ok = false;
				report.broken.push({
					decisionId: 0,
					tavoloSlug: y.slug,
					ref: `…/${y.year}`,
					reason: `numerazione ${y.year} con lacune: ${y.n} decisioni, ultimo numero ${y.max}`
				});
			}
	}
	return report;
}
