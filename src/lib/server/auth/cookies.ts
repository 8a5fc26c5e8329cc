import type { Cookies } from '@sveltejs/kit';
import { isSecureOrigin, sessionCookieName } from './cookie.js';

export function setSessionCookie(
	cookies: Cookies,
	url: URL,
	token: string,
	expiresAt: number
): void {
	const secure = isSecureOrigin(url.origin);
	cookies.set(sessionCookieName(secure), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	const secure = isSecureOrigin(url.origin);
	cookies.delete(sessionCookieName(secure), { path: '/', secure });
}

/** Only same-site relative paths: a `next` parameter must never send a user elsewhere. */
export function safeNext(next: string | null | undefined, fallback = '/tavoli'): string {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
		? next
		: fallback;
}
