/**
 * Conditional GET and a small in-memory cache for the public register. Public outputs are the same
 * for every anonymous visitor, so a repeated request is answered from memory (or with 304) until
 * the database changes (see `registerVersion`).
 *
 * Two layers: `registerCache` (a SvelteKit handle) fills the cache and answers 304s; `fastRegister`
 * is one of app.ts's fast paths, run before SvelteKit, like /healthz, and serves what is already cached
 * without building a Request, running hooks or rendering.
 */
import type { Handle } from '@sveltejs/kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { registerVersion as version } from './version.js';
import { resolveLocale } from '../../i18n/index.js';

const MAX_ENTRIES = 500;
interface Entry {
	version: string;
	headers: Record<string, string>;
	body: Buffer;
	/** Compressed once, on the first request that accepts gzip. */
	gzip?: { headers: Record<string, string>; body: Buffer };
}
const cache = new Map<string, Entry>();
const CACHE_CONTROL = 'public, max-age=0, must-revalidate';

const isRegister = (p: string) =>
	p === '/registro' ||
	p.startsWith('/registro/') ||
	p === '/registro.atom' ||
	p === '/registro.json' ||
	p === '/registro.csv';
// Outputs whose bytes never depend on who asks (no page chrome with the user's name).
const isData = (p: string) =>
	p.endsWith('.atom') || p === '/registro.json' || p === '/registro.csv';
const etagOf = (v: string, locale: string) => `W/"reg-${v}-${locale}"`;

export const registerCache: Handle = async ({ event, resolve }) => {
	const p = event.url.pathname;
	if (event.request.method !== 'GET' || !isRegister(p) || (event.locals.user && !isData(p)))
		return resolve(event);
	const v = version();
	const etag = etagOf(v, event.locals.locale);
	const vary = 'Cookie, Accept-Language, Accept-Encoding';
	if (event.request.headers.get('if-none-match') === etag)
		return new Response(null, {
			status: 304,
			headers: { etag, 'cache-control': CACHE_CONTROL, vary }
		});
	const res = await resolve(event);
	if (res.status !== 200) return res;
	const body = Buffer.from(await res.arrayBuffer());
	const headers = new Headers(res.headers);
	headers.delete('set-cookie');
	headers.set('etag', etag);
	headers.set('cache-control', CACHE_CONTROL);
	headers.set('vary', vary);
	headers.set('content-length', String(body.length));
	// Stored under the version read before rendering: if the register changed meanwhile, the next
	// request sees a newer version and renders again.
	const key = `${event.locals.locale}|${event.url.pathname}${event.url.search}`;
	if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
	cache.set(key, { version: v, headers: Object.fromEntries(headers), body });
	return new Response(body, { status: 200, headers });
};

/** Serves a cached register response straight from Node's http server; false to fall through. */
export function fastRegister(req: IncomingMessage, res: ServerResponse): boolean {
	if (req.method !== 'GET') return false;
	const url = req.url ?? '';
	const q = url.indexOf('?');
	const p = q < 0 ? url : url.slice(0, q);
	if (!isRegister(p)) return false;
	const cookie = req.headers.cookie ?? '';
	// Signed-in pages carry the user's name in the header: those go through SvelteKit.
	if (!isData(p) && cookie.includes('raccordo_session=')) return false;
	const lang = /(?:^|;\s*)lang=([a-z]{2})/.exec(cookie)?.[1];
	const locale = resolveLocale(undefined, lang);
	const hit = cache.get(`${locale}|${url}`);
	if (!hit) return false;
	const v = version();
	if (hit.version !== v) return false;
	if (req.headers['if-none-match'] === hit.headers.etag) {
		res.writeHead(304, {
			etag: hit.headers.etag,
			'cache-control': CACHE_CONTROL,
			vary: hit.headers.vary
		});
		res.end();
		return true;
	}
	if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && hit.body.length > 1024) {
		if (!hit.gzip) {
			const body = gzipSync(hit.body);
			const headers = {
				...hit.headers,
				'content-encoding': 'gzip',
				'content-length': String(body.length)
			};
			hit.gzip = { headers, body };
		}
		res.writeHead(200, hit.gzip.headers);
		res.end(hit.gzip.body);
		return true;
	}
	res.writeHead(200, hit.headers);
	res.end(hit.body);
	return true;
}
