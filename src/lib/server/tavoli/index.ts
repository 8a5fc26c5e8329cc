import { z } from 'zod';
import { db } from '../db/index.js';
import { audited } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import {
	AccessError,
	assertCan,
	type Membership,
	type Representation,
	type Role
} from '../policy/index.js';
import { fromZod, NotFoundError, ValidationError } from '../errors.js';
import { findByEmail } from '../users/index.js';
import { accessChanged } from '../realtime/index.js';

export interface Tavolo {
	id: number;
	slug: string;
	name: string;
	description: string;
	region: string | null;
	theme: string;
	status: 'attivo' | 'sospeso' | 'concluso';
	isPublic: boolean;
	quorumRule: string;
}

export interface MyTavolo extends Tavolo {
	role: Role | null;
	enteName: string | null;
	representation: Representation;
}

export interface Member {
	membershipId: number;
	userId: number;
	name: string;
	email: string;
	role: Role;
	representation: Representation;
	enteId: number;
	enteName: string;
	enteKind: string;
}

const COLUMNS = `t.id, t.slug, t.name, t.description, t.region, t.theme, t.status,
	t.is_public AS isPublic, t.quorum_rule AS quorumRule`;

function toTavolo<T extends { isPublic: number | boolean }>(row: T): T & { isPublic: boolean } {
	return { ...row, isPublic: !!row.isPublic };
}

/** "I miei tavoli": the tavoli the user belongs to (an admin sees every tavolo). */
export function listMine(user: SessionUser): MyTavolo[] {
	const rows = db()
		.prepare(
			`SELECT ${COLUMNS}, m.role, m.representation, e.name AS enteName
			 FROM tavoli t
			 ${user.isAdmin ? 'LEFT' : ''} JOIN memberships m ON m.tavolo_id = t.id AND m.user_id = ?
			 LEFT JOIN enti e ON e.id = m.ente_id
			 ORDER BY t.status = 'attivo' DESC, t.name`
		)
		.all(user.id) as (MyTavolo & { isPublic: number })[];
	return rows.map(toTavolo);
}

function bySlug(slug: string): Tavolo | null {
	const row = db().prepare(`SELECT ${COLUMNS} FROM tavoli t WHERE t.slug = ?`).get(slug) as
		(Tavolo & { isPublic: number }) | undefined;
	return row ? toTavolo(row) : null;
}

export function byId(id: number): Tavolo {
	const row = db().prepare(`SELECT ${COLUMNS} FROM tavoli t WHERE t.id = ?`).get(id) as
		(Tavolo & { isPublic: number }) | undefined;
	if (!row) throw new NotFoundError('Tavolo non trovato');
	return toTavolo(row);
}

/**
 * The tavolo as this user may see it, with their membership. Unknown and hidden tavoli raise the
 * same 404, so a non-member cannot probe which slugs exist.
 */
export function open(
	user: SessionUser | null,
	slug: string,
	action: 'tavolo.see' | 'tavolo.read' | 'tavolo.manage' = 'tavolo.see'
): { tavolo: Tavolo; membership: Membership | null } {
	const tavolo = bySlug(slug);
	if (!tavolo) throw new AccessError(404, 'Non trovato');
	const membership = assertCan(user, action, { tavoloId: tavolo.id, isPublic: tavolo.isPublic });
	return { tavolo, membership };
}

export function members(user: SessionUser | null, tavoloId: number): Member[] {
	assertCan(user, 'tavolo.read', { tavoloId });
	return db()
		.prepare(
			`SELECT m.id AS membershipId, u.id AS userId, u.name, u.email, m.role, m.representation,
			        e.id AS enteId, e.name AS enteName, e.kind AS enteKind
			 FROM memberships m JOIN users u ON u.id = m.user_id JOIN enti e ON e.id = m.ente_id
			 WHERE m.tavolo_id = ?
			 ORDER BY e.name, m.role = 'segreteria' DESC, m.representation = 'titolare' DESC, u.name`
		)
		.all(tavoloId) as Member[];
}

/** Members grouped by ente, the way a tavolo thinks of itself. */
export function membersByEnte(
	user: SessionUser | null,
	tavoloId: number
): { enteId: number; enteName: string; enteKind: string; members: Member[] }[] {
	const groups = new Map<
		number,
		{ enteId: number; enteName: string; enteKind: string; members: Member[] }
	>();
	for (const m of members(user, tavoloId)) {
		let g = groups.get(m.enteId);
		if (!g)
			groups.set(
				m.enteId,
				(g = { enteId: m.enteId, enteName: m.enteName, enteKind: m.enteKind, members: [] })
			);
		g.members.push(m);
	}
	return [...groups.values()];
}

export const ROLES = ['segreteria', 'componente', 'osservatore'] as const;

export const membershipInput = z
	.object({
		enteId: z.coerce.number({ message: 'Scegli l’ente' }).int().positive('Scegli l’ente'),
		role: z.enum(ROLES, { message: 'Scegli il ruolo' }),
		representation: z
			.enum(['titolare', 'supplente', ''], { message: 'Scegli titolare o supplente' })
			.optional()
			.transform((v) => (v ? v : null))
	})
	.superRefine((v, ctx) => {
		if (v.role === 'componente' && !v.representation)
			ctx.addIssue({
				code: 'custom',
				path: ['representation'],
				message: 'Un componente rappresenta il suo ente come titolare o supplente'
			});
	});

function checkEnte(enteId: number): void {
	if (!db().prepare('SELECT 1 FROM enti WHERE id = ?').get(enteId))
		throw new ValidationError({ enteId: 'Ente sconosciuto' });
}

function normaliseRepresentation(role: Role, rep: Representation): Representation {
	// Representation only matters for componenti: they are who votes and counts for quorum.
	return role === 'componente' ? rep : role === 'segreteria' ? rep : null;
}

export function addMember(
	user: SessionUser,
	tavoloId: number,
	input: Record<string, unknown>
): void {
	assertCan(user, 'tavolo.manage', { tavoloId });
	const email = String(input.email ?? '').trim();
	const parsed = membershipInput.safeParse(input);
	const errors: Record<string, string> = parsed.success ? {} : fromZod(parsed.error).fields;
	const existing = email ? findByEmail(email) : undefined;
	if (!email) errors.email = 'Indica l’indirizzo e-mail della persona';
	else if (!existing) errors.email = 'Nessun account con questo indirizzo: invita la persona';
	if (Object.keys(errors).length || !parsed.success || !existing) throw new ValidationError(errors);
	checkEnte(parsed.data.enteId);
	if (
		db()
			.prepare('SELECT 1 FROM memberships WHERE tavolo_id = ? AND user_id = ?')
			.get(tavoloId, existing.id)
	)
		throw new ValidationError({ email: 'La persona fa già parte del tavolo' });
	audited(
		{
			actor: user,
			tavoloId,
			action: 'membership.added',
			target: ['user', existing.id, email],
			detail: { enteId: parsed.data.enteId, role: parsed.data.role }
		},
		() =>
			db()
				.prepare(
					'INSERT INTO memberships (tavolo_id, user_id, ente_id, role, representation) VALUES (?, ?, ?, ?, ?)'
				)
				.run(
					tavoloId,
					existing.id,
					parsed.data.enteId,
					parsed.data.role,
					normaliseRepresentation(parsed.data.role, parsed.data.representation)
				)
	);
}

function segreteriaCount(tavoloId: number): number {
	return (
		db()
			.prepare("SELECT COUNT(*) AS n FROM memberships WHERE tavolo_id = ? AND role = 'segreteria'")
			.get(tavoloId) as { n: number }
	).n;
}

function membershipRow(tavoloId: number, membershipId: number) {
	const row = db()
		.prepare('SELECT id, user_id, role FROM memberships WHERE id = ? AND tavolo_id = ?')
		.get(membershipId, tavoloId) as { id: number; user_id: number; role: Role } | undefined;
	if (!row) throw new NotFoundError('Componente non trovato');
	return row;
}

export function updateMember(
	user: SessionUser,
	tavoloId: number,
	membershipId: number,
	input: Record<string, unknown>
): void {
	assertCan(user, 'tavolo.manage', { tavoloId });
	const row = membershipRow(tavoloId, membershipId);
	const parsed = membershipInput.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error);
	checkEnte(parsed.data.enteId);
	if (
		row.role === 'segreteria' &&
		parsed.data.role !== 'segreteria' &&
		segreteriaCount(tavoloId) === 1
	)
		throw new ValidationError({ role: 'Il tavolo deve avere almeno una persona in segreteria' });
	audited(
		{
			actor: user,
			tavoloId,
			action: 'membership.updated',
			target: ['user', row.user_id],
			detail: {
				from: row.role,
				role: parsed.data.role,
				enteId: parsed.data.enteId,
				representation: parsed.data.representation
			}
		},
		() =>
			db()
				.prepare('UPDATE memberships SET ente_id = ?, role = ?, representation = ? WHERE id = ?')
				.run(
					parsed.data.enteId,
					parsed.data.role,
					normaliseRepresentation(parsed.data.role, parsed.data.representation),
					membershipId
				)
	);
	void accessChanged(tavoloId);
}

export function removeMember(user: SessionUser, tavoloId: number, membershipId: number): void {
	assertCan(user, 'tavolo.manage', { tavoloId });
	const row = membershipRow(tavoloId, membershipId);
	if (row.role === 'segreteria' && segreteriaCount(tavoloId) === 1)
		throw new ValidationError({ _: 'Il tavolo deve avere almeno una persona in segreteria' });
	audited(
		{
			actor: user,
			tavoloId,
			action: 'membership.removed',
			target: ['user', row.user_id],
			detail: { role: row.role }
		},
		() => db().prepare('DELETE FROM memberships WHERE id = ?').run(membershipId)
	);
	void accessChanged(tavoloId);
}
