import { db } from './db/index.js';

/** One database round trip: what /healthz answers (app.ts's fast path and the SvelteKit route). */
export function healthy(): boolean {
	try {
		return (db().prepare('SELECT 1 AS ok').get() as { ok: number }).ok === 1;
	} catch {
		return false;
	}
}
