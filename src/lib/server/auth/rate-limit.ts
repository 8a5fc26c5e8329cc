// Sign-in throttling by progressive delay, as OWASP recommends, not by lock-out: past a few free
// failures, each further attempt must wait longer (1, 2, 4, 8, then 15 minutes at most). Counted
// per account *and* network address, so guessing someone's password from elsewhere never delays
// that person, and per address with a larger allowance, so one office behind a shared address is
// not shut out by a colleague's typos. In memory, because Raccordo runs as one process; a restart
// forgets the counts, which only gives an attacker a restart's worth.
const KEY = Symbol.for('raccordo.ratelimit');
interface Failures {
	count: number;
	last: number;
}
type Store = Map<string, Failures>;
type G = typeof globalThis & { [KEY]?: Store };

function store(): Store {
	const g = globalThis as G;
	return (g[KEY] ??= new Map());
}

export const LIMITS = {
	/** Failures allowed without delay from one address, whatever the accounts. */
	ip: { free: Number(process.env.LOGIN_RATE_IP || 20) },
	/** Failures allowed without delay for one account from one address. */
	account: { free: Number(process.env.LOGIN_RATE_ACCOUNT || 5) },
	firstDelayMs: 60 * 1000,
	maxDelayMs: 15 * 60 * 1000,
	/** Counts are forgotten this long after the last failure. */
	forgetMs: 30 * 60 * 1000
};

const keys = (ip: string, email: string): [string, number][] => [
	[`ip:${ip}`, LIMITS.ip.free],
	[`acct:${email.toLowerCase()}|${ip}`, LIMITS.account.free]
];

function current(key: string, now: number): Failures | undefined {
	const f = store().get(key);
	if (f && now - f.last > LIMITS.forgetMs) {
		store().delete(key);
		return undefined;
	}
	return f;
}

/** Seconds to wait before another attempt is allowed, or 0. */
export function loginBlockedFor(ip: string, email: string): number {
	const now = Date.now();
	let wait = 0;
	for (const [key, free] of keys(ip, email)) {
		const f = current(key, now);
		if (!f || f.count < free) continue;
		const delay = Math.min(LIMITS.firstDelayMs * 2 ** (f.count - free), LIMITS.maxDelayMs);
		wait = Math.max(wait, Math.ceil((f.last + delay - now) / 1000));
	}
	return wait;
}

export function recordLoginFailure(ip: string, email: string): void {
	const now = Date.now();
	for (const [key] of keys(ip, email)) {
		const f = current(key, now);
		if (f) (f.count++, (f.last = now));
		else store().set(key, { count: 1, last: now });
	}
	// Bounded memory under a spray of invented addresses and accounts.
	if (store().size > 50_000)
		for (const [key, f] of store()) if (now - f.last > LIMITS.forgetMs) store().delete(key);
}

export function clearAccountFailures(ip: string, email: string): void {
	store().delete(`acct:${email.toLowerCase()}|${ip}`);
}

/** The message for a delayed attempt: how long, and that the account is not locked. */
export function delayMessage(seconds: number): string {
	const minutes = Math.max(1, Math.ceil(seconds / 60));
	return (
		`Troppi tentativi di accesso non riusciti. Riprova tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}. ` +
		'L’attesa cresce a ogni tentativo sbagliato da questa rete; l’account non è bloccato e chi ' +
		'accede da un’altra rete non ne risente.'
	);
}
