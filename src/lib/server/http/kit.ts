import { error, fail, redirect, type ActionFailure } from '@sveltejs/kit';
import type { SessionUser } from '../auth/session.js';
import { AccessError } from '../policy/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';

/** Signed-in user or a redirect to the login page that comes back here afterwards. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

/** Maps domain errors to HTTP errors in loads and endpoints (never a stack trace to the user). */
export function httpError(e: unknown): never {
	if (e instanceof AccessError) error(e.status, e.message);
	if (e instanceof NotFoundError) error(404, e.message);
	if (e instanceof ConflictError) error(409, e.message);
	if (e instanceof ValidationError) error(400, Object.values(e.fields)[0] ?? e.message);
	throw e;
}

export function guard<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		httpError(e);
	}
}

export type FormFailure = ActionFailure<{
	errors: Record<string, string>;
	values: Record<string, string>;
	form?: string;
}>;

/**
 * Runs a form action: validation problems come back as field messages with what the user typed,
 * access problems as 403/404, conflicts as a form message.
 */
export async function formAction<T>(
	request: Request,
	fn: (values: Record<string, string>, data: FormData) => T | Promise<T>,
	formName?: string
): Promise<T | FormFailure> {
	const data = await request.formData();
	const values: Record<string, string> = {};
	for (const [k, v] of data.entries())
		if (typeof v === 'string' && !/password|confirm|current/i.test(k)) values[k] = v;
	try {
		return await fn(
			Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === 'string')) as Record<
				string,
				string
			>,
			data
		);
	} catch (e) {
		if (e instanceof ValidationError)
			return fail(400, { errors: e.fields, values, form: formName });
		if (e instanceof ConflictError)
			return fail(409, { errors: { _: e.message }, values, form: formName });
		httpError(e);
	}
}
