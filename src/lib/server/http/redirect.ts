/**
 * Where to send someone after sign-in or a language switch: a path on this site, or the fallback.
 * Parsed against the app's own origin, as a browser would resolve it: browsers drop tabs and line
 * breaks from URLs, so `/\t/evil.example` becomes `//evil.example`, another site; a prefix check
 * on the raw string misses that, and a line feed in a Location header is a 500.
 */
export function sameOriginPath(
	next: string | null | undefined,
	origin: string,
	fallback = '/tavoli'
): string {
	if (!next || !next.startsWith('/')) return fallback;
	let url: URL;
	try {
		url = new URL(next, origin);
	} catch {
		return fallback;
	}
	if (url.origin !== new URL(origin).origin) return fallback;
	// Re-serialised from the parsed URL: no control characters or backslashes survive.
	return url.pathname + url.search + url.hash;
}
