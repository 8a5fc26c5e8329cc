/**
 * Conditional GET and a small in-memory cache for the public register. Public outputs are the same
 * for every anonymous visitor, so a repeated request is answered from memory (or with 304) until
 * the database changes. The version is SQLite's own change counters, so writes from this process
 * (total_changes) and from any other connection (data_version) both invalidate it.
 */
import type { Handle } from '@sveltejs/kit';
import { db } from '../db/index.js';

const MAX_ENTRIES = 300;
const cache = new Map<string, { version: string; status: number; headers: [string, string][]; body: ArrayBuffer }>();

function version(): string {
	const d = db();
	const dv = d.pragma('data_version', { simple: true }) as number;
	const tc = (d.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
	return `${dv}.${tc}`;
}

const isRegister = (p: string) => p === '/registro' || p.startsWith('/registro/') || p === '/registro.atom' || p === '/registro.json' || p === '/registro.csv';
// Outputs whose bytes never depend on who asks (no page chrome with the user's name).
const isData = (p: string) => p.endsWith('.atom') || p === '/registro.json' || p === '/registro.csv';

export const registerCache: Handle = async ({ event, resolve }) => {
	const p = event.url.pathname;
	if (event.request.method !== 'GET' || !isRegister(p) || (event.locals.user && !isData(p))) return resolve(event);
	const v = version();
	const key = `${event.locals.locale}|${p}${event.url.search}`;
	const etag = `W/"reg-${v}-${event.locals.locale}"`;
	const cacheControl = 'public, max-age=0, must-revalidate';
	if (event.request.headers.get('if-none-match') === etag)
		return new Response(null, { status: 304, headers: { etag, 'cache-control': cacheControl, vary: 'Cookie, Accept-Language' } });
	const hit = cache.get(key);
	if (hit && hit.version === v) return new Response(hit.body, { status: hit.status, headers: hit.headers });
	const res = await resolve(event);
	if (res.status !== 200) return res;
	const body = await res.arrayBuffer();
	const headers = new Headers(res.headers);
	headers.delete('set-cookie');
	headers.set('etag', etag);
	headers.set('cache-control', cacheControl);
	headers.set('vary', 'Cookie, Accept-Language');
	// The version may have moved while rendering; store under the one read before, which is safe
	// (a later request sees a newer version and renders again).
	if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
	cache.set(key, { version: v, status: 200, headers: [...headers], body });
	return new Response(body, { status: 200, headers });
};
