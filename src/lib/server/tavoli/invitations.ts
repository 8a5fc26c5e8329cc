import { z } from 'zod';
import { db } from '../db/index.js';
import { audited, record } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import { generateToken, hashToken } from '../auth/session.js';
import { hashPassword, passwordProblem } from '../auth/password.js';
import { assertCan, type Representation, type Role } from '../policy/index.js';
import { fromZod, ValidationError } from '../errors.js';
import { emailSchema, findByEmail, MESSAGES, nameSchema } from '../users/index.js';
import { membershipInput } from './index.js';

export const INVITATION_TTL_MS = 1000 * 60 * 60 * 24 * 7;

export interface Invitation {
	id: number;
	email: string;
	name: string;
	role: Role;
	enteName: string;
	createdAt: number;
	expiresAt: number;
	usedAt: number | null;
	revokedAt: number | null;
}

/** Creates a single-use invitation and returns the raw token (only its hash is stored). */
export function invite(
	user: SessionUser,
	tavoloId: number,
	input: Record<string, unknown>
): string {
	assertCan(user, 'tavolo.manage', { tavoloId });
	const head = z
		.object({ email: emailSchema, name: z.string().trim().max(120).default('') })
		.safeParse(input);
	const body = membershipInput.safeParse(input);
	const errors = {
		...(head.success ? {} : fromZod(head.error).fields),
		...(body.success ? {} : fromZod(body.error).fields)
	};
	if (!head.success || !body.success) throw new ValidationError(errors);
	if (!db().prepare('SELECT 1 FROM enti WHERE id = ?').get(body.data.enteId))
		throw new ValidationError({ enteId: 'Ente sconosciuto' });
	const existing = findByEmail(head.data.email);
	if (
		existing &&
		db()
			.prepare('SELECT 1 FROM memberships WHERE tavolo_id = ? AND user_id = ?')
			.get(tavoloId, existing.id)
	)
		throw new ValidationError({ email: 'La persona fa già parte del tavolo' });
	const token = generateToken();
	const t = Date.now();
	audited(
		(r) => ({
			actor: user,
			tavoloId,
			action: 'invitation.created',
			target: ['invitation', r.lastInsertRowid, head.data.email],
			detail: { role: body.data.role, enteId: body.data.enteId }
		}),
		() =>
			db()
				.prepare(
					`INSERT INTO invitations (token_hash, tavolo_id, email, name, ente_id, role, representation, invited_by, created_at, expires_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					hashToken(token),
					tavoloId,
					head.data.email,
					head.data.name,
					body.data.enteId,
					body.data.role,
					body.data.role === 'osservatore' ? null : body.data.representation,
					user.id,
					t,
					t + INVITATION_TTL_MS
				)
	);
	return token;
}

export function listInvitations(user: SessionUser, tavoloId: number): Invitation[] {
	assertCan(user, 'tavolo.manage', { tavoloId });
	return db()
		.prepare(
			`SELECT i.id, i.email, i.name, i.role, e.name AS enteName, i.created_at AS createdAt,
			        i.expires_at AS expiresAt, i.used_at AS usedAt, i.revoked_at AS revokedAt
			 FROM invitations i JOIN enti e ON e.id = i.ente_id
			 WHERE i.tavolo_id = ? ORDER BY i.created_at DESC LIMIT 50`
		)
		.all(tavoloId) as Invitation[];
}

export function revokeInvitation(user: SessionUser, tavoloId: number, id: number): void {
	assertCan(user, 'tavolo.manage', { tavoloId });
	audited(
		(r) => ({
			actor: user,
			tavoloId,
			action: 'invitation.revoked',
			target: ['invitation', id],
			detail: { changed: r.changes }
		}),
		() =>
			db()
				.prepare(
					'UPDATE invitations SET revoked_at = ? WHERE id = ? AND tavolo_id = ? AND used_at IS NULL'
				)
				.run(Date.now(), id, tavoloId)
	);
}

interface InvitationRow {
	id: number;
	tavolo_id: number;
	email: string;
	name: string;
	ente_id: number;
	role: Role;
	representation: Representation;
	expires_at: number;
	used_at: number | null;
	revoked_at: number | null;
	tavolo_name: string;
	ente_name: string;
}

export type InvitationState =
	{ ok: true; invitation: InvitationRow; hasAccount: boolean } | { ok: false; reason: string };

/** Looks an invitation up and says, in Italian, why it cannot be used when it cannot. */
export function inspect(token: string): InvitationState {
	if (!/^[a-z2-7]{32}$/.test(token))
		return { ok: false, reason: 'Il link di invito non è valido.' };
	const row = db()
		.prepare(
			`SELECT i.*, t.name AS tavolo_name, e.name AS ente_name FROM invitations i
			 JOIN tavoli t ON t.id = i.tavolo_id JOIN enti e ON e.id = i.ente_id WHERE i.token_hash = ?`
		)
		.get(hashToken(token)) as InvitationRow | undefined;
	if (!row) return { ok: false, reason: 'Il link di invito non è valido.' };
	if (row.used_at)
		return {
			ok: false,
			reason:
				'Questo invito è già stato usato. Se sei tu ad averlo accettato, accedi con la tua e-mail.'
		};
	if (row.revoked_at)
		return { ok: false, reason: 'Questo invito è stato revocato dalla segreteria.' };
	if (Date.now() >= row.expires_at)
		return {
			ok: false,
			reason: 'Questo invito è scaduto. Chiedi alla segreteria del tavolo di inviarne uno nuovo.'
		};
	return { ok: true, invitation: row, hasAccount: !!findByEmail(row.email) };
}

/**
 * Accepts an invitation: creates the account (name + password) when the e-mail has none, adds the
 * membership, and burns the token, all in one transaction so a double submit cannot use it twice.
 * Returns the user and the tavolo joined.
 */
export async function accept(
	token: string,
	input: { name?: string; password?: string; confirm?: string },
	signedIn: SessionUser | null
): Promise<{ userId: number; tavoloSlug: string }> {
	const state = inspect(token);
	if (!state.ok) throw new ValidationError({ _: state.reason }, state.reason);
	const inv = state.invitation;
	const existing = findByEmail(inv.email);
	// The link alone never signs anyone into an existing account: its owner must be signed in.
	if (existing && signedIn?.id !== existing.id)
		throw new ValidationError({ _: `Accedi come ${inv.email} per accettare l’invito.` });
	let passwordHash: string | null = null;
	let name = inv.name;
	if (!existing) {
		const n = nameSchema.safeParse(input.name ?? '');
		const errors: Record<string, string> = {};
		if (!n.success) errors.name = n.error.issues[0].message;
		const problem = passwordProblem(input.password ?? '');
		if (problem) errors.password = MESSAGES[problem];
		else if (input.password !== input.confirm) errors.confirm = 'Le due password non coincidono';
		if (Object.keys(errors).length) throw new ValidationError(errors);
		name = n.data!;
		passwordHash = await hashPassword(input.password!);
	}
	return db().transaction(() => {
		const burnt = db()
			.prepare('UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL')
			.run(Date.now(), inv.id);
		if (burnt.changes !== 1) throw new ValidationError({ _: 'Questo invito è già stato usato.' });
		const userId = existing
			? existing.id
			: Number(
					db()
						.prepare('INSERT INTO users (email, name, password_hash) VALUES (?, ?, ?)')
						.run(inv.email, name, passwordHash).lastInsertRowid
				);
		db()
			.prepare(
				`INSERT INTO memberships (tavolo_id, user_id, ente_id, role, representation) VALUES (?, ?, ?, ?, ?)
				 ON CONFLICT (tavolo_id, user_id) DO UPDATE SET ente_id = excluded.ente_id, role = excluded.role,
				 representation = excluded.representation`
			)
			.run(inv.tavolo_id, userId, inv.ente_id, inv.role, inv.representation);
		const { slug } = db().prepare('SELECT slug FROM tavoli WHERE id = ?').get(inv.tavolo_id) as {
			slug: string;
		};
		record(db(), {
			actor: { id: userId, name, email: inv.email },
			tavoloId: inv.tavolo_id,
			action: 'invitation.accepted',
			target: ['invitation', inv.id, inv.email],
			detail: { role: inv.role, enteId: inv.ente_id }
		});
		return { userId, tavoloSlug: slug };
	})();
}
