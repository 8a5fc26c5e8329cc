/**
 * Same-origin check for everything SvelteKit's form CSRF check does not cover: JSON endpoints,
 * socket.io handshakes and Yjs upgrades. A browser always sends Origin on these; a request
 * whose Origin is missing or foreign is refused, so another site cannot ride a member's cookie.
 *
 * The whole origin is compared (scheme, host and port): `https://app` and `http://app` are
 * different sites to a browser, and a page served over plain http must not act on the https one.
 */
import type { IncomingMessage } from 'node:http';

export function allowedOrigins(): string[] {
	return [process.env.ORIGIN, ...(process.env.ALLOWED_ORIGINS ?? '').split(',')]
		.map((o) => o?.trim().replace(/\/$/, ''))
		.filter((o): o is string => !!o);
}

/** `own` is this server's origin as the request reached it (SvelteKit's `event.url.origin`). */
export function isAllowedOrigin(origin: string | undefined | null, own: string | null): boolean {
	if (!origin) return false;
	if (allowedOrigins().includes(origin)) return true;
	try {
		return !!own && new URL(origin).origin === new URL(own).origin;
	} catch {
		return false;
	}
}

/**
 * The origin a raw upgrade request (websocket, socket.io) was addressed to: ORIGIN when set (the
 * public address behind a proxy), else the scheme it came on (X-Forwarded-Proto only with
 * TRUST_PROXY=1, as server/index.js does for pages) and its Host.
 */
export function requestOrigin(req: IncomingMessage): string | null {
	if (process.env.ORIGIN) return process.env.ORIGIN.replace(/\/$/, '');
	const host = req.headers.host;
	if (!host) return null;
	const forwarded =
		process.env.TRUST_PROXY === '1'
			? String(req.headers['x-forwarded-proto'] ?? '')
					.split(',')[0]
					.trim()
			: '';
	const tls = (req.socket as { encrypted?: boolean }).encrypted;
	return `${forwarded === 'https' || tls ? 'https' : 'http'}://${host}`;
}

export function isAllowedUpgrade(req: IncomingMessage): boolean {
	return isAllowedOrigin(req.headers.origin, requestOrigin(req));
}
