/** Browser side: sends edits of the plan's azioni to the server, which applies them to the document. */
export async function sendOps(
	slug: string,
	ops: unknown[]
): Promise<{ ok: true; added: string[] } | { ok: false; error: string }> {
	try {
		const res = await fetch(`/tavoli/${slug}/piano/api`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ ops })
		});
		const body = await res.json().catch(() => ({}));
		if (!res.ok)
			return { ok: false, error: body.error ?? `Modifica non salvata (errore ${res.status})` };
		return { ok: true, added: body.added ?? [] };
	} catch {
		return { ok: false, error: 'Connessione assente: modifica non salvata' };
	}
}
