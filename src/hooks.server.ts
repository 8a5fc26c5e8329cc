import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { error } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { validateSessionToken } from '$lib/server/auth/session';
import { isSecureOrigin, sessionCookieName } from '$lib/server/auth/cookie';
import { isAllowedOrigin } from '$lib/server/http/origin';
import { startup } from '$lib/server/startup';
import '$lib/server/health';
import { attachRealtime } from '$lib/server/realtime';
import { resolveLocale } from '$lib/i18n';
import { registerCache } from '$lib/server/decisions/cache';
import { withRequest } from '$lib/server/audit';

// The custom server (server/index.js) reaches the bundled realtime code through this global,
// so the socket.io server and the SvelteKit routes share one module instance and one DB handle.
(globalThis as Record<symbol, unknown>)[Symbol.for('raccordo.attachRealtime')] = attachRealtime;

export const init: ServerInit = async () => {
	await startup();
};

const handleSession: Handle = async ({ event, resolve }) => {
	const secure = isSecureOrigin(event.url.origin);
	const name = sessionCookieName(secure);
	const token = event.cookies.get(name);
	const auth = validateSessionToken(token);
	event.locals.user = auth?.user ?? null;
	event.locals.session = auth?.session ?? null;
	if (auth) {
		event.cookies.set(name, token!, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure,
			expires: new Date(auth.session.expiresAt)
		});
	} else if (token) {
		event.cookies.delete(name, { path: '/', secure });
	}
	event.locals.locale = resolveLocale(auth?.user.locale, event.cookies.get('lang'));
	return resolve(event);
};

/** Every audit row written while this request runs carries its caller's truncated address. */
const handleAudit: Handle = ({ event, resolve }) =>
	withRequest(event.getClientAddress(), () => resolve(event));

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** SvelteKit checks Origin on form posts only; mutating JSON/other requests are checked here. */
const handleOrigin: Handle = async ({ event, resolve }) => {
	if (!SAFE.has(event.request.method)) {
		const type = (event.request.headers.get('content-type') ?? '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		if (!FORM_TYPES.includes(type)) {
			const ok = isAllowedOrigin(
				event.request.headers.get('origin'),
				event.request.headers.get('host')
			);
			if (!ok) error(403, 'Richiesta da un’origine non consentita');
		}
	}
	return resolve(event);
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handle = sequence(
	handleAudit,
	handleSession,
	handleOrigin,
	registerCache,
	handleHeaders
);

export const handleError: HandleServerError = ({ error: err, status, message }) => {
	const id = randomUUID().slice(0, 8);
	// The log keeps the stack; the user only ever sees a reference number.
	if (status >= 500) console.error(`[raccordo] error ${id}:`, err);
	return { message: status >= 500 ? 'Si è verificato un errore interno' : message, id };
};
