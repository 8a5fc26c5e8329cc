/**
 * The state of a page's forms after a SvelteKit action: which form answered, its field errors and
 * the values the person typed (sent back so nothing is lost). One page has many forms; each asks
 * for its own slice by the name the action gave (`formAction(request, fn, name)`).
 */
export interface FormResult {
	form?: string;
	errors?: Record<string, string>;
	values?: Record<string, string>;
	ok?: string;
}

export interface FormState {
	/** The whole answer of the last action, or null. */
	readonly result: FormResult | null;
	/** The last action answered for this form (always true for the outcome of a success). */
	is(name: string): boolean;
	/** Field errors of this form ({} when another form answered). */
	errors(name: string): Record<string, string>;
	/** What was typed into this form, or `fallback` (e.g. the stored values) otherwise. */
	values(name: string, fallback?: Record<string, string>): Record<string, string>;
	/** The success message of the last action. */
	readonly ok: string | undefined;
	/** The message not tied to a field (conflicts, state errors): `errors._`. */
	readonly formError: string | undefined;
}

/**
 * `const fs = formState(() => form)`: reads the `form` prop each time it is asked, so templates
 * stay reactive without an $effect.
 */
export function formState(get: () => unknown): FormState {
	const result = () => (get() as FormResult | null | undefined) ?? null;
	return {
		get result() {
			return result();
		},
		is: (name) => result()?.form === name,
		errors: (name) => (result()?.form === name ? (result()?.errors ?? {}) : {}),
		values: (name, fallback = {}) =>
			result()?.form === name ? (result()?.values ?? {}) : fallback,
		get ok() {
			return result()?.ok;
		},
		get formError() {
			return result()?.errors?._;
		}
	};
}

/** What a field component needs to stand for one form value: `{...fieldOf(…)}` on the component. */
export interface FieldProps {
	id: string;
	name: string;
	value: string;
	error: string | undefined;
}

/**
 * The props of the field `name`: id `<prefix>-<name>` (just `name` without a prefix, for a page
 * with one form), the value to show and its error. The name → id → value → error wiring is then
 * written once instead of at every field.
 */
export function fieldOf(
	prefix: string,
	name: string,
	values: object,
	errors: Record<string, string | undefined>
): FieldProps {
	const value = (values as Record<string, unknown>)[name];
	return {
		id: prefix ? `${prefix}-${name}` : name,
		name,
		value: value === null || value === undefined ? '' : String(value),
		error: errors[name]
	};
}

/** A field's aria-describedby: its hint and its error, whichever it shows (none: no attribute). */
export function describedByOf(
	id: string,
	hint?: string,
	error?: string | null
): string | undefined {
	return (
		[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
	);
}
