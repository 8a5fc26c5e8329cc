import type { ZodError } from 'zod';

/** A request that cannot be done as asked: field → Italian message, shown next to the field. */
export class ValidationError extends Error {
	constructor(
		public fields: Record<string, string>,
		message = 'Controlla i campi evidenziati'
	) {
		super(message);
	}
}

/** The thing changed under the user's feet (another secretary saved first, a state moved on). */
export class ConflictError extends Error {
	status = 409 as const;
}

export class NotFoundError extends Error {
	status = 404 as const;
	constructor(message = 'Non trovato') {
		super(message);
	}
}

export function fromZod(error: ZodError): ValidationError {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = issue.path.join('.') || '_';
		fields[key] ??= issue.message;
	}
	return new ValidationError(fields);
}
