import { z } from 'zod';
import { db } from '../db/index.js';
import { audited } from '../audit/index.js';
import { createSession, generateToken, type Session } from './session.js';
import { verifyPassword, hashPassword } from './password.js';
import {
	clearAccountFailures,
	delayMessage,
	loginBlockedFor,
	recordLoginFailure
} from './rate-limit.js';
import { ValidationError } from '../errors.js';

// Verifying against a dummy hash when the account does not exist keeps response times alike,
// so timing does not reveal which e-mail addresses have accounts.
let dummyHash: Promise<string> | null = null;

const input = z.object({
	email: z
		.string()
		.trim()
		.min(1, 'Indica il tuo indirizzo e-mail')
		.max(254, 'Indirizzo e-mail troppo lungo')
		.email('Indirizzo e-mail non valido'),
	password: z.string().min(1, 'Indica la password').max(256, 'Password troppo lunga')
});

export async function login(
	fields: { email?: unknown; password?: unknown },
	ip: string
): Promise<{ token: string; session: Session }> {
	const parsed = input.safeParse({
		email: String(fields.email ?? ''),
		password: String(fields.password ?? '')
	});
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
		throw new ValidationError(errors);
	}
	const { email, password } = parsed.data;
	const wait = loginBlockedFor(ip, email);
	if (wait > 0) throw new ValidationError({ _: delayMessage(wait) }, 'rate-limited');
	const row = db().prepare('SELECT id, password_hash FROM users WHERE email = ?').get(email) as
		{ id: number; password_hash: string | null } | undefined;
	const ok = row
		? await verifyPassword(row.password_hash, password)
		: await verifyPassword(
				await (dummyHash ??= hashPassword('dummy-password-for-timing')),
				password
			).then(() => false);
	if (!row || !ok) {
		recordLoginFailure(ip, email);
		throw new ValidationError({ _: 'E-mail o password non corretti.' });
	}
	clearAccountFailures(ip, email);
	const token = generateToken();
	const session = audited({ actor: { id: row.id, email }, action: 'auth.signed_in' }, () =>
		createSession(token, row.id)
	);
	return { token, session };
}

/**
 * The "current password" check of a password change, throttled like sign-in and on the same
 * counters: a stolen session must not become an unthrottled way to guess the password.
 */
export async function checkCurrentPassword(
	user: { email: string; passwordHash: string | null },
	password: string,
	ip: string
): Promise<void> {
	const wait = loginBlockedFor(ip, user.email);
	if (wait > 0) throw new ValidationError({ current: delayMessage(wait) }, 'rate-limited');
	if (!(await verifyPassword(user.passwordHash, password))) {
		recordLoginFailure(ip, user.email);
		throw new ValidationError({ current: 'La password attuale non è corretta' });
	}
	clearAccountFailures(ip, user.email);
}
