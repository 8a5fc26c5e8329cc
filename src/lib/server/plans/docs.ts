/**
 * Where the plan's Y.Doc comes from. The contract is the documents domain's (issue 3):
 * create a 'piano' document, `withDoc(id, fn)` on the live server Y.Doc, `onDocumentChange`.
 * Until that domain is merged, this module keeps the plan's document itself (encoded Yjs state in
 * plans.ydoc, one live Y.Doc per plan in memory) behind the same three calls, so swapping is a
 * change of this file only.
 */
import * as Y from 'yjs';
import { db } from '../db/index.js';

type Listener = (documentId: string, doc: Y.Doc) => void;
const KEY = Symbol.for('raccordo.plans.docs');
type State = { docs: Map<string, Y.Doc>; listeners: Set<Listener> };
type G = typeof globalThis & { [KEY]?: State };

function state(): State {
	return ((globalThis as G)[KEY] ??= { docs: new Map(), listeners: new Set() });
}

function load(id: string): Y.Doc {
	const s = state();
	let doc = s.docs.get(id);
	if (doc) return doc;
	const row = db().prepare('SELECT ydoc FROM plans WHERE document_id = ?').get(id) as { ydoc: Buffer | null } | undefined;
	if (!row) throw new Error(`plan document ${id} not found`);
	doc = new Y.Doc();
	if (row.ydoc) Y.applyUpdate(doc, new Uint8Array(row.ydoc));
	const d = doc;
	d.on('afterTransaction', (tr: Y.Transaction) => {
		if (!tr.changed.size && !tr.deleteSet.clients.size) return;
		db().prepare('UPDATE plans SET ydoc = ? WHERE document_id = ?').run(Buffer.from(Y.encodeStateAsUpdate(d)), id);
		for (const l of s.listeners) l(id, d);
	});
	s.docs.set(id, d);
	return d;
}

export function newDocumentId(): string {
	return `piano-${crypto.randomUUID()}`;
}

export function withDoc<T>(id: string, fn: (doc: Y.Doc) => T): T {
	return fn(load(id));
}

export function onDocumentChange(listener: Listener): () => void {
	state().listeners.add(listener);
	return () => state().listeners.delete(listener);
}
