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
