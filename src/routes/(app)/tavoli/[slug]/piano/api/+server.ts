import { json, type RequestHandler } from '@sveltejs/kit';
import { AccessError } from '$lib/server/policy';
import { NotFoundError, ValidationError } from '$lib/server/errors';
import { open } from '$lib/server/tavoli';
import { applyOps } from '$lib/server/plans';

/**
 * Edits to the plan's azioni as a list of operations (see PlanOp in $lib/server/plans). Answers
 * JSON errors with an Italian reason; nothing changes when any operation is refused.
 */
export const POST: RequestHandler = async ({ request, locals, params }) => {
	if (!locals.user) return json({ error: 'Accedi per modificare il piano' }, { status: 401 });
	try {
		const { tavolo } = open(locals.user, params.slug ?? '', 'tavolo.read');
		let body: unknown;
		try {
			body = await request.json();
		} catch {
			return json(
				{ error: 'Richiesta non valida: serve un JSON con le modifiche' },
				{ status: 400 }
			);
		}
		const ops = (body as { ops?: unknown } | null)?.ops;
		const { added, rows } = applyOps(locals.user, tavolo.id, ops);
		return json({ ok: true, added, actions: rows.length });
	} catch (e) {
		if (e instanceof AccessError) return json({ error: e.message }, { status: e.status });
		if (e instanceof NotFoundError) return json({ error: e.message }, { status: 404 });
		if (e instanceof ValidationError)
			return json(
				{ error: Object.values(e.fields)[0] ?? e.message, fields: e.fields },
				{ status: 400 }
			);
		throw e;
	}
};
