/** The plan's extras on its document (kind 'piano'): a stored version previews its actions. */
import type { DocumentKind } from '../documents/kinds.js';
import { project, type ActionRow } from '../../plans/projection.js';

declare module '../documents/kinds.js' {
	interface KindPreviews {
		/** A plan's version holds its actions too; issues (unknown enti…) are not shown there. */
		actions: ActionRow[];
	}
}

export const planKind: DocumentKind = {
	kind: 'piano',
	// Keyed on the content, not the kind: any document holding an 'azioni' map previews them, as
	// before this hook existed.
	preview: (ydoc) =>
		ydoc.share.has('azioni') ? { actions: project(ydoc, { knownEnti: new Set() }) } : {}
};
