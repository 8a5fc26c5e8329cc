/**
 * What a kind of document adds to the generic document verbs, registered by the composition root
 * (app.ts) as one explicit, ordered list instead of imports run for their side effects. Documents
 * stay below the domains that use them: a plan's projection or a meeting's minutes are known here
 * only through these hooks.
 */
import type * as Y from 'yjs';
import type { Kind } from './content.js';

/**
 * Extra fields of a stored version's preview, by name. Empty here on purpose: a kind's module
 * adds its own with `declare module` (see plans/kind.ts), so documents never import it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface KindPreviews {}

export type VersionExtras = { [K in keyof KindPreviews]: KindPreviews[K] | null };

export interface DocumentKind {
	kind: Kind;
	/** Fields shown beside the rich text of a stored version (e.g. a plan's actions). */
	preview?(ydoc: Y.Doc): Partial<KindPreviews>;
	/**
	 * Set when another workflow owns this kind's approval: the document page's freeze is refused
	 * with this message, and that workflow calls freezeUnchecked itself.
	 */
	freezeRefusal?: string;
}

let kinds: readonly DocumentKind[] = [];

/** Called once by app.ts; later calls replace the list (tests, dev reloads). */
export function useKinds(list: readonly DocumentKind[]): void {
	kinds = list;
}

export function kindOf(kind: string): DocumentKind | undefined {
	return kinds.find((k) => k.kind === kind);
}

/** Every kind's preview fields for a stored state; null for those the document does not have. */
export function previewExtras(ydoc: Y.Doc): VersionExtras {
	const extras: Record<string, unknown> = {};
	for (const k of kinds) {
		for (const [key, value] of Object.entries(k.preview?.(ydoc) ?? {})) extras[key] ??= value;
	}
	return extras as VersionExtras;
}
