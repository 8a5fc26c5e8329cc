import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { error } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { validateSessionToken } from '$lib/server/auth/session';
import { isSecureOrigin, sessionCookieName } from '$lib/server/auth/cookie';
import { isAllowedOrigin } from '$lib/server/auth/origin';
import { withMembershipMemo } from '$lib/server/policy';
import { app } from '$lib/server/app';
import { resolveLocale } from '$lib/i18n';
import { registerCache } from '$lib/server/decisions/cache';
import { problem } from '$lib/server/api/problem';
import { withRequest } from '$lib/server/audit';

// Start-up steps, websocket endpoints, fast paths and shutdown: see src/lib/server/app.ts.
// server/index.js reaches the same app object (one per process) to attach it to its http server.
export const init: ServerInit = () => app.start();

const READ_ONLY = new Set(['GET', 'HEAD']);

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
	// A page's layouts and loads each check access: on a read-only request, ask SQLite once.
	if (READ_ONLY.has(event.request.method)) return withMembershipMemo(() => resolve(event));
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
			const ok = isAllowedOrigin(event.request.headers.get('origin'), event.url.origin);
			// A JSON request gets the JSON endpoints' one error shape (ADR 017).
			if (!ok && type === 'application/json')
				return problem(403, 'Richiesta da un’origine non consentita');
			if (!ok) error(403, 'Richiesta da un’origine non consentita');
		}
	}
	return resolve(event);
};

const handleCache = registerCache;

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	// The CSP itself comes from kit.csp (svelte.config.js), which adds the nonces of each page.
	return response;
};

export const handle = sequence(
	handleAudit,
	handleSession,
	handleOrigin,
	handleCache,
	handleHeaders
);

export const handleError: HandleServerError = ({ error: err, status, message }) => {
	const id = randomUUID().slice(0, 8);
	// The log keeps the stack; the user only ever sees a reference number.
	if (status >= 500) console.error(`[raccordo] error ${id}:`, err);
	return { message: status >= 500 ? 'Si è verificato un errore interno' : message, id };
};
