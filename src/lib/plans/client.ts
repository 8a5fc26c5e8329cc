/** Browser side: sends edits of the plan's azioni to the server, which applies them to the document. */
export async function sendOps(
	slug: string,
	ops: unknown[]
): Promise<
	{ ok: true; added: string[] } | { ok: false; error: string | null; status: number | null }
> {
	try {
		const res = await fetch(`/tavoli/${slug}/piano/api`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ ops })
		});
		const body = await res.json().catch(() => ({}));
		// The problem's detail when the server gives one (Italian, ADR 002/017); the page words the rest.
		if (!res.ok) return { ok: false, error: body.detail ?? null, status: res.status };
		return { ok: true, added: body.added ?? [] };
	} catch {
		return { ok: false, error: null, status: null };
	}
}
