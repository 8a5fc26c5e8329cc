/**
 * Publication into the register: checks, the progressive number per tavolo and Rome year
 * ("7/2026"), the link into the hash chain of the tavolo and visibility, the freeze. The rules of
 * numbering and linking are pure functions (specs in register.spec.ts); `publishRow` applies them
 * under the database's write lock.
 */
import { db, type DB } from '../db/index.js';
import { record } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { presentEnti } from '../meetings/index.js';
import { refOf } from '../../decisions/model.js';
import { hashOf } from './chain.js';
import { chainable, rowById, votesOf, type Row } from './rows.js';
import { announcePublished, notifyFollowers } from './notify.js';
import { forRecorder, type OpenDecision } from './open.js';

/** The register's year of an instant: Rome's, so a decision published at 00:30 on 1 January counts in the new year. */
export function romeYear(date: Date): number {
	return Number(
		new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', year: 'numeric' }).format(date)
	);
}

/** The next progressive number of a tavolo's year, given the highest one taken (0 when none). */
export const nextNumber = (highest: number | null | undefined): number => (highest ?? 0) + 1;

/** Where a new decision joins its chain: after the last one of its tavolo and visibility. */
export function chainLink(prev: { seq: number; hash: string } | undefined): {
	seq: number;
	prevHash: string | null;
} {
	return { seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? null };
}

const NOT_PUBLIC =
	'Il tavolo non è pubblico: la decisione può essere al massimo visibile agli osservatori';

/**
 * Numbers, chains and freezes a draft; call inside an IMMEDIATE transaction, so the next number
 * of the tavolo's year and the previous hash are read and written under the write lock: two
 * secretaries publishing at once (even from two processes) never get the same number. The row was
 * read before the lock: the UPDATE only applies to the same unchanged draft (status and
 * updated_at), otherwise nothing is written and the reason is reported.
 */
function publishRow(d: DB, row: Row, publishedBy: number | null, at: Date): Row {
	if (row.status === 'pubblicata')
		throw new ConflictError(
			`La decisione è già pubblicata con il numero ${refOf(row)}: non si pubblica due volte`
		);
	if (row.rettificaOfId) {
		const target = d.prepare('SELECT status FROM decisions WHERE id = ?').get(row.rettificaOfId) as
			{ status: string } | undefined;
		if (target?.status !== 'pubblicata')
			throw new ValidationError({ rettificaOf: 'Si rettifica solo una decisione pubblicata' });
	}
	if (row.visibility === 'pubblica' && !row.tavoloIsPublic)
		throw new ValidationError({ visibility: NOT_PUBLIC });
	// Attendance may have been corrected since the draft was saved: what is published must
	// still be votes of enti present at the meeting.
	if (row.meetingId) {
		const present = new Set(presentEnti(row.meetingId));
		const gone = votesOf(row.id).filter((v) => !present.has(v.enteId));
		if (gone.length)
			throw new ValidationError({
				votes: `Le presenze della riunione sono cambiate dopo la bozza: ${gone.map((v) => v.enteName).join(', ')} ${gone.length === 1 ? 'non risulta più presente' : 'non risultano più presenti'}. Aggiorna i voti della bozza, poi pubblica.`
			});
	}
	const year = romeYear(at);
	const { max } = d
		.prepare('SELECT MAX(number) AS max FROM decisions WHERE tavolo_id = ? AND year = ?')
		.get(row.tavoloId, year) as { max: number | null };
	const prev = d
		.prepare(
			"SELECT chain_seq AS seq, hash FROM decisions WHERE tavolo_id = ? AND visibility = ? AND status = 'pubblicata' ORDER BY chain_seq DESC LIMIT 1"
		)
		.get(row.tavoloId, row.visibility) as { seq: number; hash: string } | undefined;
	const link = chainLink(prev);
	const published: Row = {
		...row,
		status: 'pubblicata',
		year,
		number: nextNumber(max),
		seq: link.seq,
		publishedAt: at.toISOString(),
		prevHash: link.prevHash
	};
	published.hash = hashOf(chainable(d, published));
	const changed = d
		.prepare(
			`UPDATE decisions SET status = 'pubblicata', year = ?, number = ?, chain_seq = ?, published_at = ?, prev_hash = ?, hash = ?, published_by = ?
			 WHERE id = ? AND status = 'bozza' AND updated_at = ?`
		)
		.run(
			year,
			published.number,
			published.seq,
			published.publishedAt,
			published.prevHash,
			published.hash,
			publishedBy,
			row.id,
			row.updatedAt
		).changes;
	if (!changed) {
		const now = rowById(row.id);
		if (!now) throw new NotFoundError('Decisione non trovata');
		if (now.status === 'pubblicata') return publishRow(d, now, publishedBy, at);
		throw new ConflictError(
			'La bozza è stata modificata mentre la pubblicavi: ricarica la pagina, controllala e pubblica di nuovo'
		);
	}
	d.prepare('INSERT INTO decisions_fts (rowid, title, body) VALUES (?, ?, ?)').run(
		row.id,
		row.title,
		row.body
	);
	return published;
}

/** Publication without a user (demo data, tools, the second-process test): reads under the lock. */
export function publishInternal(
	id: number,
	publishedBy: number | null,
	at = new Date()
): { year: number; number: number; hash: string } {
	const d = db();
	const p = d
		.transaction(() => {
			const row = rowById(id);
			if (!row) throw new NotFoundError('Decisione non trovata');
			return publishRow(d, row, publishedBy, at);
		})
		.immediate();
	return { year: p.year!, number: p.number!, hash: p.hash! };
}

export async function publish(
	user: SessionUser,
	ref: number | OpenDecision
): Promise<{ year: number; number: number; ref: string }> {
	const { row } = forRecorder(user, ref);
	const d = db();
	const p = d
		.transaction(() => {
			const p = publishRow(d, row, user.id, new Date());
			record(d, {
				actor: user,
				tavoloId: p.tavoloId,
				action: 'decision.published',
				target: ['decision', p.id, refOf(p) ?? ''],
				detail: { visibility: p.visibility, hash: p.hash }
			});
			return p;
		})
		.immediate();
	const r = refOf(p)!;
	announcePublished(p, r);
	await notifyFollowers(p, r).catch((e) =>
		console.error('[raccordo] decision notification failed:', e)
	);
	return { year: p.year!, number: p.number!, ref: r };
}
