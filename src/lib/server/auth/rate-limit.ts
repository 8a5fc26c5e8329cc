// Login throttling: a sliding window per client IP and per account. In memory, because Raccordo
// runs as one process; a restart forgets the counts, which only gives an attacker a restart's worth.
const KEY = Symbol.for('raccordo.ratelimit');
type Store = Map<string, number[]>;
type G = typeof globalThis & { [KEY]?: Store };

function store(): Store {
	const g = globalThis as G;
	return (g[KEY] ??= new Map());
}

export const LIMITS = {
	ip: { max: Number(process.env.LOGIN_RATE_IP || 20), windowMs: 15 * 60 * 1000 },
	account: { max: Number(process.env.LOGIN_RATE_ACCOUNT || 5), windowMs: 15 * 60 * 1000 }
};

function recent(key: string, windowMs: number): number[] {
	const t = Date.now();
	const list = (store().get(key) ?? []).filter((at) => t - at < windowMs);
	store().set(key, list);
	return list;
}

/** Seconds to wait before another attempt is allowed, or 0. */
export function loginBlockedFor(ip: string, email: string): number {
	const checks: [string, { max: number; windowMs: number }][] = [
		[`ip:${ip}`, LIMITS.ip],
		[`acct:${email.toLowerCase()}`, LIMITS.account]
	];
	let wait = 0;
	for (const [key, limit] of checks) {
		const list = recent(key, limit.windowMs);
		if (list.length >= limit.max) {
			wait = Math.max(wait, Math.ceil((list[0] + limit.windowMs - Date.now()) / 1000));
		}
	}
	return wait;
}

export function recordLoginFailure(ip: string, email: string): void {
	const t = Date.now();
	for (const key of [`ip:${ip}`, `acct:${email.toLowerCase()}`]) {
		const list = store().get(key) ?? [];
		list.push(t);
		store().set(key, list);
	}
}

export function clearAccountFailures(email: string): void {
	store().delete(`acct:${email.toLowerCase()}`);
}
