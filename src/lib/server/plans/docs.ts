/**
 * Where the plan's Y.Doc comes from: the documents domain (issue 3). A plan is a document of
 * kind 'piano'; its rich-text sections live in the XmlFragment 'default' (the documents editor),
 * its actions in the Y.Map 'azioni' (this domain). Both travel over the same /yjs/<id> socket.
 */
import type { SessionUser } from '../auth/session.js';
import * as documents from '../documents/index.js';

export const withDoc = documents.withDoc;
export const onDocumentChange = documents.onDocumentChange;

/** A new 'piano' document with the documents domain's template sections. */
export function createDocument(user: SessionUser, tavoloId: number, title: string): string {
	return documents.create(user, tavoloId, { kind: 'piano', title, template: true }).id;
}

/** An existing document the user may read, checked to be a 'piano' of this tavolo. */
export function pianoDocument(
	user: SessionUser,
	tavoloId: number,
	id: string
): documents.DocumentInfo | null {
	const info = documents.get(user, id);
	return info.kind === 'piano' && info.tavoloId === tavoloId ? info : null;
}

export function documentWritable(user: SessionUser, id: string): boolean {
	return documents.get(user, id).canWrite;
}
