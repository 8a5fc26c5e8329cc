/**
 * Same-origin check for everything SvelteKit's form CSRF check does not cover: JSON endpoints,
 * socket.io handshakes and Yjs upgrades. A browser always sends Origin on these; a request
 * whose Origin is missing or foreign is refused, so another site cannot ride a member's cookie.
 */
export function allowedOrigins(): string[] {
	return [process.env.ORIGIN, ...(process.env.ALLOWED_ORIGINS ?? '').split(',')]
		.map((o) => o?.trim().replace(/\/$/, ''))
		.filter((o): o is string => !!o);
}

export function isAllowedOrigin(
	origin: string | undefined | null,
	host: string | undefined | null
): boolean {
	if (!origin) return false;
	if (allowedOrigins().includes(origin)) return true;
	try {
		return !!host && new URL(origin).host === host;
	} catch {
		return false;
	}
}
