/**
 * The one access policy of Raccordo. HTTP loads and actions, socket.io events and the Yjs
 * endpoint all ask `can()` (or `assertCan()`); nothing else decides who may do what.
 *
 * Rules in one place:
 * - a non-member learns nothing of a tavolo that is not public (callers answer 404, not 403);
 * - an osservatore reads the workspace and never writes;
 * - frozen things (approved minutes, published decisions) are read-only for everyone;
 * - the platform admin governs enti and tavoli and may read every workspace, but writes content
 *   only where they are also a member.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { db } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';

export type Role = 'segreteria' | 'componente' | 'osservatore';
export type Representation = 'titolare' | 'supplente' | null;
export type Visibility = 'riservata' | 'membri' | 'osservatori' | 'pubblica';

export interface Membership {
	tavoloId: number;
	enteId: number;
	role: Role;
	representation: Representation;
}

export type Action =
	// the tavolo itself
	| 'tavolo.see' // know it exists: overview, public register entries
	| 'tavolo.read' // the workspace: members, documents, meetings, plan
	| 'tavolo.manage' // members, invitations, roles, settings
	// co-edited documents
	| 'document.read'
	| 'document.write'
	| 'document.create'
	| 'document.manage' // rename, archive, versions, restore, freeze
	// meetings
	| 'meeting.read'
	| 'meeting.manage' // create, convene, reschedule, cancel, agenda, attendance, minutes pipeline
	| 'meeting.rsvp'
	// decisions
	| 'decision.read'
	| 'decision.record'
	| 'decision.vote'
	| 'decision.follow'
	// activity plan
	| 'plan.read'
	| 'plan.write'
	| 'plan.configure' // priority areas, funding lines
	// the audit log (registro delle attività): who did what in this tavolo
	| 'audit.read';

export interface Target {
	tavoloId: number;
	/** Public tavoli are visible (overview, public decisions) to everyone. */
	isPublic?: boolean;
	/** A frozen document or a published decision: nobody writes. */
	frozen?: boolean;
	/** For decisions: who may read it. */
	visibility?: Visibility;
}

const WRITERS: Role[] = ['segreteria', 'componente'];

/** Pure decision, given the user's membership of the target tavolo (or null). */
export function decide(
	user: SessionUser | null,
	membership: Membership | null,
	action: Action,
	target: Target
): boolean {
	const role = membership?.role ?? null;
	const admin = !!user?.isAdmin;
	const reader = role !== null || admin;
	switch (action) {
		case 'tavolo.see':
			return reader || !!target.isPublic;
		case 'tavolo.read':
		case 'document.read':
		case 'meeting.read':
		case 'plan.read':
			return reader;
		case 'tavolo.manage':
		case 'audit.read':
			return role === 'segreteria' || admin;
		case 'document.write':
		case 'plan.write':
			return !target.frozen && role !== null && WRITERS.includes(role);
		case 'document.create':
			return role !== null && WRITERS.includes(role);
		case 'document.manage':
		case 'meeting.manage':
		case 'decision.record':
		case 'plan.configure':
			return role === 'segreteria' && !target.frozen;
		case 'meeting.rsvp':
		case 'decision.vote':
			return role === 'componente' || role === 'segreteria';
		case 'decision.follow':
			return reader || !!target.isPublic;
		case 'decision.read':
			return canReadVisibility(role, admin, target.visibility ?? 'riservata');
	}
	return false;
}

function canReadVisibility(role: Role | null, admin: boolean, v: Visibility): boolean {
	if (v === 'pubblica') return true;
	if (role === 'segreteria') return true;
	if (v === 'membri') return role === 'componente';
	if (v === 'osservatori') return role !== null || admin;
	return false;
}

/** The SQL filter matching `decision.read` for a role, for list queries. */
export function readableVisibilities(role: Role | null, admin: boolean): Visibility[] {
	const all: Visibility[] = ['riservata', 'membri', 'osservatori', 'pubblica'];
	return all.filter((v) => canReadVisibility(role, admin, v));
}

const requestMemberships = new AsyncLocalStorage<Map<string, Membership | null>>();

/**
 * Runs fn (one read-only request: a page and its layouts' loads) with each membership read once:
 * a page of a tavolo asked the same question of SQLite six to eight times. Only for requests that
 * write nothing (GET, HEAD): a form action may change a membership and render the page after it,
 * and socket.io and Yjs connections outlive any request, so they always ask SQLite.
 */
export function withMembershipMemo<T>(fn: () => T): T {
	return requestMemberships.run(new Map(), fn);
}

export function membershipOf(
	userId: number | undefined | null,
	tavoloId: number
): Membership | null {
	if (!userId) return null;
	const memo = requestMemberships.getStore();
	const key = `${userId}:${tavoloId}`;
	if (memo?.has(key)) return memo.get(key)!;
	const membership = readMembership(userId, tavoloId);
	memo?.set(key, membership);
	return membership;
}

function readMembership(userId: number, tavoloId: number): Membership | null {
	const row = db()
		.prepare(
			'SELECT tavolo_id, ente_id, role, representation FROM memberships WHERE user_id = ? AND tavolo_id = ?'
		)
		.get(userId, tavoloId) as
		{ tavolo_id: number; ente_id: number; role: Role; representation: Representation } | undefined;
	return row
		? {
				tavoloId: row.tavolo_id,
				enteId: row.ente_id,
				role: row.role,
				representation: row.representation
			}
		: null;
}

export function can(user: SessionUser | null, action: Action, target: Target): boolean {
	return decide(user, membershipOf(user?.id, target.tavoloId), action, target);
}

/** Tavoli whose workspace this user may read: their memberships, or all for an admin. */
export function readableTavoloIds(user: SessionUser | null): number[] {
	if (!user) return [];
	const sql = user.isAdmin
		? 'SELECT id FROM tavoli'
		: 'SELECT tavolo_id AS id FROM memberships WHERE user_id = ?';
	const rows = (user.isAdmin ? db().prepare(sql).all() : db().prepare(sql).all(user.id)) as {
		id: number;
	}[];
	return rows.map((r) => r.id);
}

export class AccessError extends Error {
	/** 404 when the user may not even know the thing exists, 403 when they may see but not act. */
	constructor(
		public status: 403 | 404,
		message: string
	) {
		super(message);
	}
}

/**
 * Throws an AccessError when `action` is not allowed: 404 if the user may not see the tavolo at
 * all (no existence leak), 403 otherwise.
 */
export function assertCan(
	user: SessionUser | null,
	action: Action,
	target: Target
): Membership | null {
	const membership = membershipOf(user?.id, target.tavoloId);
	if (decide(user, membership, action, target)) return membership;
	if (!decide(user, membership, 'tavolo.see', target)) throw new AccessError(404, 'Non trovato');
	throw new AccessError(403, 'Operazione non consentita per il tuo ruolo');
}

/**
 * For a row addressed by its own id (a meeting's sequential id, a document's): whoever may not
 * read it learns nothing of it, not even that it exists, so the caller's own "not found" — the
 * very error a missing id raises — is thrown instead of a 403 or a differently worded 404.
 */
export function assertFound(
	user: SessionUser | null,
	membership: Membership | null,
	action: Action,
	target: Target,
	notFound: () => Error
): void {
	if (!decide(user, membership, action, target)) throw notFound();
}

/** Platform administration (enti, tavoli, appointing a segreteria): the admin flag alone. */
export function isPlatformAdmin(user: SessionUser | null): boolean {
	return !!user?.isAdmin;
}

export function assertPlatformAdmin(user: SessionUser | null): void {
	if (!isPlatformAdmin(user))
		throw new AccessError(403, 'Riservato all’amministrazione della piattaforma');
}

/**
 * assertCan for a caller that already holds the user's membership of the target tavolo (an
 * opened aggregate), so one page or verb asks the database for it once, not once per check.
 */
export function assertDecided(
	user: SessionUser | null,
	membership: Membership | null,
	action: Action,
	target: Target
): void {
	if (decide(user, membership, action, target)) return;
	if (!decide(user, membership, 'tavolo.see', target)) throw new AccessError(404, 'Non trovato');
	throw new AccessError(403, 'Operazione non consentita per il tuo ruolo');
}
