import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { open } from '$lib/server/tavoli';
import { applyOps } from '$lib/server/plans';
import { api, jsonBody, requireApiUser } from '$lib/server/api/problem';

/**
 * Edits to the plan's azioni as a list of operations (PlanOpsBody in /api). Errors are problem+json
 * with an Italian `detail`; nothing changes when any operation is refused.
 */
export const POST: RequestHandler = ({ request, locals, params }) =>
	api(
		async () => {
			const user = requireApiUser(locals);
			const { tavolo } = open(user, params.slug, 'tavolo.read');
			const body = await jsonBody(request, 'Richiesta non valida: serve un JSON con le modifiche');
			const ops = (body as { ops?: unknown } | null)?.ops;
			const { added, rows } = applyOps(user, tavolo.id, ops);
			return json({ ok: true, added, actions: rows.length });
		},
		// `error`: the pre-problem+json name of the reason, kept for existing clients (ADR 017).
		(detail) => ({ error: detail })
	);
