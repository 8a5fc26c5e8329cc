/**
 * The register of decisions, read side, and the one entry point of the domain. Files by job:
 * rows (SQL) ← input (schemas) ← open (checked aggregate) ← notify ← draft, register (publish,
 * numbering, chain), albo, verify ← this index; public, opendata, feeds and version serve the
 * public register.
 *
 * Verbs take the acting user first and check access through the policy.
 */
import { db } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertCan, decide, readableVisibilities } from '../policy/index.js';
import { byId as tavoloById } from '../tavoli/index.js';
import type { DecisionType, Outcome } from '../../decisions/model.js';
import { hydrate, ROW, type Decision, type LinkRow, type Row } from './rows.js';
import { open, type OpenDecision } from './open.js';

export * from '../../decisions/model.js';
export type { Attachment, Decision, Link } from './rows.js';
export { ftsQuery, votingEnti } from './rows.js';
export { checkMeeting, fromForm, type DraftInput } from './input.js';
export { open, type OpenDecision } from './open.js';
export { recordDraft, editDraft, setVotes, deleteDraft, rettifica } from './draft.js';
export { publish, publishInternal, romeYear } from './register.js';
export { setAlbo, follow, unfollow, isFollowing } from './albo.js';
export { verifyChains, type ChainReport } from './verify.js';

export interface ListFilters {
	year?: number;
	type?: DecisionType;
	outcome?: Outcome;
	q?: string;
	status?: 'bozza' | 'pubblicata';
}

/** Decisions of a tavolo this user may read (drafts only for the segreteria). */
export function listForTavolo(
	user: SessionUser | null,
	tavoloId: number,
	f: ListFilters = {}
): Decision[] {
	const tavolo = tavoloById(tavoloId);
	const m = assertCan(user, 'tavolo.see', { tavoloId, isPublic: tavolo.isPublic });
	const vis = readableVisibilities(m?.role ?? null, !!user?.isAdmin);
	const where = [`d.tavolo_id = ?`, `d.visibility IN (${vis.map(() => '?').join(',')})`];
	const args: unknown[] = [tavoloId, ...vis];
	const recorder = decide(user, m, 'decision.record', { tavoloId });
	if (!recorder || f.status === 'pubblicata') where.push(`d.status = 'pubblicata'`);
	else if (f.status === 'bozza') where.push(`d.status = 'bozza'`);
	if (f.year) (where.push('d.year = ?'), args.push(f.year));
	if (f.type) (where.push('d.type = ?'), args.push(f.type));
	if (f.outcome) (where.push('d.outcome = ?'), args.push(f.outcome));
	if (f.q) {
		const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
		where.push(`(d.title LIKE ? ESCAPE '\\' OR d.body LIKE ? ESCAPE '\\')`);
		args.push(like, like);
	}
	const rows = db()
		.prepare(
			`SELECT ${ROW} FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE ${where.join(' AND ')}
			 ORDER BY d.status = 'bozza' DESC, d.year DESC, d.number DESC, d.id DESC LIMIT 500`
		)
		.all(...args) as Row[];
	// Every row here is readable and belongs to this tavolo, so its linked ones are judged the same way.
	const visible = new Set(vis);
	const readable = (l: LinkRow) =>
		l.tavoloId === tavoloId && visible.has(l.visibility) && (l.status === 'pubblicata' || recorder);
	return rows.map((r) => hydrate(r, readable, false));
}

/** One decision for this user: 404 when unknown or not readable (no existence leak). */
export function getDecision(user: SessionUser | null, ref: number | OpenDecision): Decision {
	return read(typeof ref === 'number' ? open(user, ref) : ref);
}

/** An opened decision with its children; linked decisions only where readable in their own right. */
export function read(o: OpenDecision): Decision {
	return hydrate(o.row, o.mayRead);
}

export function yearsOf(tavoloId: number): number[] {
	return (
		db()
			.prepare(
				"SELECT DISTINCT year FROM decisions WHERE tavolo_id = ? AND status = 'pubblicata' ORDER BY year DESC"
			)
			.all(tavoloId) as { year: number }[]
	).map((r) => r.year);
}
