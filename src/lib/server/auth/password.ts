import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string | null, password: string): Promise<boolean> {
	if (!hashed) return false;
	try {
		return await verify(hashed, password);
	} catch {
		return false;
	}
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** Returns an Italian message key when the password is not acceptable. */
export function passwordProblem(password: string): string | null {
	if (password.length < PASSWORD_MIN) return 'password.tooShort';
	if (password.length > PASSWORD_MAX) return 'password.tooLong';
	return null;
}
