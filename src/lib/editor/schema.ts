/**
 * The one list of editor extensions that shapes a document's schema. The browser editor and the
 * server (templates, restore, prefilled verbali) build the same schema from it, so a node the
 * server writes into Yjs is always one the editor can show.
 */
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';

export function schemaExtensions() {
	return [
		// Collaboration brings its own undo (per user, over Yjs); the built-in one would fight it.
		StarterKit.configure({
			undoRedo: false,
			link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] }
		}),
		TableKit.configure({ table: { resizable: false } })
	];
}
