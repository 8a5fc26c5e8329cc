import type { SessionUser } from '../auth/session.js';
import { db } from '../db/index.js';
import { can } from '../policy/index.js';

export interface DocumentRow {
	id: string;
	tavolo_id: number;
	kind: 'piano' | 'verbale' | 'accordo' | 'nota';
	subkind: string | null;
	title: string;
	status: 'attivo' | 'archiviato';
	frozen_at: string | null;
	frozen_hash: string | null;
	frozen_by: number | null;
	created_by: number | null;
	created_at: string;
	updated_at: string;
}

// Ids are 22 base64url characters (createId); anything else is not a document, checked before SQL.
export const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function row(id: string): DocumentRow | undefined {
	if (!ID_PATTERN.test(id)) return undefined;
	return db().prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
}

/** Write access for a row: the policy decides, archived documents are read-only like frozen ones. */
export function writable(user: SessionUser | null, r: DocumentRow): boolean {
	return (
		r.status !== 'archiviato' &&
		can(user, 'document.write', { tavoloId: r.tavolo_id, frozen: !!r.frozen_at })
	);
}

/** Why a connection is read-only, as the UI shows it. */
export function readOnlyReason(r: DocumentRow): string {
	if (r.frozen_at) return 'frozen';
	if (r.status === 'archiviato') return 'archived';
	return 'read-only';
}

/** Decided at the websocket upgrade: null = refuse (unknown or not readable). */
export function connectionAccess(
	user: SessionUser,
	id: string
): { canWrite: boolean; reason: string } | null {
	const r = row(id);
	if (!r || !can(user, 'document.read', { tavoloId: r.tavolo_id })) return null;
	return { canWrite: writable(user, r), reason: readOnlyReason(r) };
}
