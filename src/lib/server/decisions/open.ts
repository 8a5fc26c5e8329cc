/**
 * Open once, check once: `open(user, id)` reads a decision with its tavolo, decides what this user
 * may do with it, and returns the checked aggregate that the verbs accept, so a publication reads
 * the row once instead of once per layer.
 */
import type { SessionUser } from '../auth/session.js';
import { AccessError, decide, membershipOf, type Membership } from '../policy/index.js';
import { NotFoundError } from '../errors.js';
import { rowById, type LinkRow, type Row } from './rows.js';

export interface OpenDecision {
	readonly user: SessionUser | null;
	readonly row: Row;
	readonly membership: Membership | null;
	/** The segreteria of the tavolo: may edit drafts, publish, link the albo. */
	readonly canRecord: boolean;
	/** Whether a linked decision (a rettifica, the corrected one) is readable in its own right. */
	readonly mayRead: (l: LinkRow) => boolean;
}

const MISSING = 'Decisione non trovata';

/**
 * The decision as this user may read it. Unknown, unreadable, drafts for non-recorders, and a
 * decision of a tavolo the user may not see are one and the same 404: even a `pubblica` decision
 * stays hidden when its tavolo is no longer public.
 */
export function open(user: SessionUser | null, id: number): OpenDecision {
	const row = Number.isInteger(id) ? rowById(id) : undefined;
	if (!row) throw new NotFoundError(MISSING);
	const membership = membershipOf(user?.id, row.tavoloId);
	const isPublic = !!row.tavoloIsPublic;
	const base = { tavoloId: row.tavoloId, isPublic };
	const mayRead = (l: { visibility: Row['visibility']; status: Row['status']; tavoloId: number }) =>
		l.tavoloId === row.tavoloId &&
		decide(user, membership, 'tavolo.see', base) &&
		decide(user, membership, 'decision.read', { ...base, visibility: l.visibility }) &&
		(l.status === 'pubblicata' || decide(user, membership, 'decision.record', base));
	if (!mayRead(row)) throw new NotFoundError(MISSING);
	return {
		user,
		row,
		membership,
		canRecord: decide(user, membership, 'decision.record', base),
		mayRead
	};
}

/** Accepts an opened decision (or opens it) for a verb of the segreteria: 403 for other roles. */
export function forRecorder(user: SessionUser, ref: number | OpenDecision): OpenDecision {
	const o = typeof ref === 'number' ? open(user, ref) : ref;
	if (o.user?.id !== user.id) throw new Error('An opened decision is used by its own user only');
	if (!o.canRecord) throw new AccessError(403, 'Operazione non consentita per il tuo ruolo');
	return o;
}
