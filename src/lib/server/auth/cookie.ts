/**
 * The cookie name depends on the origin: `__Host-` needs Secure, which browsers refuse on plain
 * http, so local development and tests on http://localhost use the bare name.
 */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-raccordo_session' : 'raccordo_session';
}

export function isSecureOrigin(origin: string | undefined): boolean {
	return !!origin && origin.startsWith('https://');
}

/** Reads the session token from a raw Cookie header (socket.io handshakes, Yjs upgrades). */
export function tokenFromCookieHeader(header: string | undefined): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		const name = part.slice(0, eq).trim();
		if (name === '__Host-raccordo_session' || name === 'raccordo_session') {
			const value = part.slice(eq + 1).trim();
			try {
				return decodeURIComponent(value);
			} catch {
				return null;
			}
		}
	}
	return null;
}
