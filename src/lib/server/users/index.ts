import { z } from 'zod';
import { db } from '../db/index.js';
import { audited } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import { invalidateUserSessions } from '../auth/session.js';
import { checkCurrentPassword } from '../auth/login.js';
import { hashPassword, passwordProblem } from '../auth/password.js';
import { fromZod, ValidationError } from '../errors.js';

export const MESSAGES: Record<string, string> = {
	'password.tooShort': 'La password deve avere almeno 10 caratteri',
	'password.tooLong': 'La password è troppo lunga (massimo 256 caratteri)'
};

export const emailSchema = z
	.string({ message: 'Indica un indirizzo e-mail' })
	.trim()
	.toLowerCase()
	.min(1, 'Indica un indirizzo e-mail')
	.max(254, 'Indirizzo e-mail troppo lungo')
	.email('Indirizzo e-mail non valido');

export const nameSchema = z
	.string({ message: 'Indica nome e cognome' })
	.trim()
	.min(2, 'Indica nome e cognome')
	.max(120, 'Nome troppo lungo');

export interface UserRow {
	id: number;
	email: string;
	name: string;
	password_hash: string | null;
	is_admin: number;
	locale: 'it' | 'en';
}

export function findByEmail(email: string): UserRow | undefined {
	return db().prepare('SELECT * FROM users WHERE email = ?').get(email.trim()) as
		UserRow | undefined;
}

export async function createUser(input: {
	email: string;
	name: string;
	password: string;
	isAdmin?: boolean;
}): Promise<number> {
	const parsed = z
		.object({ email: emailSchema, name: nameSchema, password: z.string() })
		.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error);
	const problem = passwordProblem(input.password);
	if (problem) throw new ValidationError({ password: MESSAGES[problem] });
	if (findByEmail(parsed.data.email))
		throw new ValidationError({ email: 'Esiste già un account con questo indirizzo' });
	const hash = await hashPassword(input.password);
	const info = db()
		.prepare('INSERT INTO users (email, name, password_hash, is_admin) VALUES (?, ?, ?, ?)')
		.run(parsed.data.email, parsed.data.name, hash, input.isAdmin ? 1 : 0);
	return Number(info.lastInsertRowid);
}

export async function changePassword(
	user: SessionUser,
	currentSessionId: string,
	current: string,
	next: string,
	confirm: string,
	ip = ''
): Promise<void> {
	const row = db().prepare('SELECT password_hash FROM users WHERE id = ?').get(user.id) as
		{ password_hash: string | null } | undefined;
	if (!row) throw new ValidationError({ current: 'La password attuale non è corretta' });
	await checkCurrentPassword({ email: user.email, passwordHash: row.password_hash }, current, ip);
	const problem = passwordProblem(next);
	if (problem) throw new ValidationError({ password: MESSAGES[problem] });
	if (next !== confirm) throw new ValidationError({ confirm: 'Le due password non coincidono' });
	const hash = await hashPassword(next);
	audited({ actor: user, action: 'auth.password_changed', target: ['user', user.id] }, () =>
		db().prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, user.id)
	);
	invalidateUserSessions(user.id, currentSessionId);
}

export function setLocale(user: SessionUser, locale: 'it' | 'en'): void {
	db().prepare('UPDATE users SET locale = ? WHERE id = ?').run(locale, user.id);
}
