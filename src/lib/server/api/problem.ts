/**
 * RFC 9457 problem details: the one error body of every JSON endpoint (HTML pages keep SvelteKit's
 * error page). Domain errors map here the same way http/kit.ts maps them for pages, so a route
 * answers `application/problem+json` whatever went wrong, never a stack trace.
 */
import { randomUUID } from 'node:crypto';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { z, ZodError } from 'zod';
import { AccessError } from '../policy/index.js';
import { ConflictError, NotFoundError, ValidationError, fromZod } from '../errors.js';

export const PROBLEM_TYPE = 'application/problem+json';

export const Problem = z
	.looseObject({
		type: z.string().describe('URI of the problem type; about:blank when the status says it all'),
		title: z.string().describe('Short summary of the problem type'),
		status: z.number().int().min(400).max(599),
		detail: z.string().describe('What went wrong with this request, in Italian'),
		errors: z
			.record(z.string(), z.string())
			.optional()
			.describe('Validation only: field (or query parameter) → message')
	})
	.describe('RFC 9457 problem details');
export type Problem = z.infer<typeof Problem>;

const TITLES: Record<number, string> = {
	400: 'Richiesta non valida',
	401: 'Accesso richiesto',
	403: 'Non consentito',
	404: 'Non trovato',
	409: 'Conflitto',
	413: 'Richiesta troppo grande',
	429: 'Troppe richieste',
	500: 'Errore interno',
	503: 'Servizio non disponibile'
};

/**
 * A problem+json response. `extra` holds extension members (RFC 9457 §3.2), e.g. the aliases a
 * route kept from before this shape (ADR 017).
 */
export function problem(
	status: number,
	detail: string,
	extra: { errors?: Record<string, string>; type?: string; [k: string]: unknown } = {}
): Response {
	const body: Problem = {
		type: 'about:blank',
		title: TITLES[status] ?? 'Errore',
		status,
		detail,
		...extra
	};
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': PROBLEM_TYPE, 'cache-control': 'no-store' }
	});
}

export const validationType = '/api#validazione';

/** Field messages as a 400 problem; `detail` is the first message, for clients that show one. */
export function validationProblem(e: ValidationError, extra: Record<string, unknown> = {}) {
	return problem(400, Object.values(e.fields)[0] ?? e.message, {
		type: validationType,
		errors: e.fields,
		...extra
	});
}

/** Domain and SvelteKit errors as a problem; anything else is a logged 500 problem. Redirects pass. */
export function toProblem(
	e: unknown,
	extra: (detail: string) => Record<string, unknown> = () => ({})
) {
	if (isRedirect(e)) throw e;
	if (e instanceof ZodError) e = fromZod(e);
	if (e instanceof ValidationError)
		return validationProblem(e, extra(Object.values(e.fields)[0] ?? e.message));
	if (e instanceof ApiUnauthorized) return problem(401, e.message, extra(e.message));
	if (e instanceof AccessError) return problem(e.status, e.message, extra(e.message));
	if (e instanceof NotFoundError) return problem(404, e.message, extra(e.message));
	if (e instanceof ConflictError) return problem(409, e.message, extra(e.message));
	if (isHttpError(e)) return problem(e.status, e.body.message, extra(e.body.message));
	// A bug or a storage fault: the log keeps the stack, the client gets a reference (as handleError).
	const id = randomUUID().slice(0, 8);
	console.error(`[raccordo] error ${id}:`, e);
	return problem(500, 'Si è verificato un errore interno', {
		id,
		...extra('Si è verificato un errore interno')
	});
}

/**
 * Runs a JSON endpoint's body: whatever domain error it throws comes back as problem+json.
 * `extra` adds per-route extension members built from the detail (the legacy aliases).
 */
export async function api(
	fn: () => Response | Promise<Response>,
	extra?: (detail: string) => Record<string, unknown>
): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		return toProblem(e, extra);
	}
}

/** The signed-in user, or a 401 problem (thrown, caught by api()). */
export function requireApiUser(locals: App.Locals) {
	if (!locals.user) throw new ApiUnauthorized();
	return locals.user;
}

class ApiUnauthorized extends Error {
	constructor() {
		super('Accesso richiesto');
	}
}

/** The request's JSON body, or a 400 problem when it is not JSON. */
export async function jsonBody(request: Request, hint: string): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		throw new ValidationError({ _: hint }, hint);
	}
}
