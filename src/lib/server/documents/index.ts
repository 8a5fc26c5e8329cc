/**
 * Co-edited documents: the verb API (acting user first, access through the policy) over the
 * SQLite metadata and the live Yjs documents. The websocket endpoint is in yjs-server.ts.
 */
import * as Y from 'yjs';
import { randomBytes, createHash } from 'node:crypto';
import type { SessionUser } from '../auth/session.js';
import { db } from '../db/index.js';
import { audited, record } from '../audit/index.js';
import { assertCan, assertFound, can, membershipOf } from '../policy/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { ID_PATTERN, row, writable, type DocumentRow } from './access.js';
import { compactStored } from './store.js';
import { changeListeners, liveDocs, withLive, type ChangeListener } from './live.js';
import {
	canonicalContent,
	contentHash,
	docJson,
	plainText,
	restoreState,
	stateFromJson,
	template,
	withState,
	type Kind,
	type PMNode,
	type Subkind
} from './content.js';
import { kindOf, previewExtras, type VersionExtras } from './kinds.js';

export type { Kind, Subkind, PMNode };
export { LIMITS } from './limits.js';

export const KINDS: Kind[] = ['piano', 'verbale', 'accordo', 'nota'];
export const SUBKINDS: Subkind[] = ['protocollo_intesa', 'convenzione', 'accordo_programma'];

export interface DocumentInfo {
	id: string;
	tavoloId: number;
	kind: Kind;
	subkind: Subkind | null;
	title: string;
	status: 'attivo' | 'archiviato';
	frozen: boolean;
	frozenAt: string | null;
	frozenHash: string | null;
	createdBy: number | null;
	createdAt: string;
	updatedAt: string;
	/** May this user change the text (policy + frozen + archived). */
	canWrite: boolean;
	/** May this user rename, archive and freeze it (saving and restoring versions needs canWrite). */
	canManage: boolean;
}

export interface VersionInfo {
	id: number;
	name: string;
	authorId: number | null;
	authorName: string | null;
	createdAt: string;
	hash: string;
}

function info(user: SessionUser | null, r: DocumentRow): DocumentInfo {
	return {
		id: r.id,
		tavoloId: r.tavolo_id,
		kind: r.kind,
		subkind: (r.subkind as Subkind | null) ?? null,
		title: r.title,
		status: r.status,
		frozen: !!r.frozen_at,
		frozenAt: r.frozen_at,
		frozenHash: r.frozen_hash,
		createdBy: r.created_by,
		createdAt: r.created_at,
		updatedAt: r.updated_at,
		canWrite: writable(user, r),
		canManage:
			r.status !== 'archiviato' &&
			can(user, 'document.manage', { tavoloId: r.tavolo_id, frozen: !!r.frozen_at })
	};
}

/** The row, if the user may read it; unknown and unreadable are both "not found". */
function readable(user: SessionUser | null, id: string): DocumentRow {
	const r = row(id);
	const notFound = () => new NotFoundError('Documento non trovato');
	if (!r) throw notFound();
	assertFound(
		user,
		membershipOf(user?.id, r.tavolo_id),
		'document.read',
		{ tavoloId: r.tavolo_id },
		notFound
	);
	return r;
}

function managed(user: SessionUser | null, id: string): DocumentRow {
	const r = readable(user, id);
	assertCan(user, 'document.manage', { tavoloId: r.tavolo_id });
	return stillOpen(r);
}

function stillOpen(r: DocumentRow): DocumentRow {
	if (r.frozen_at)
		throw new ConflictError('Il documento è stato approvato e non può più essere modificato');
	if (r.status === 'archiviato') throw new ConflictError('Il documento è archiviato');
	return r;
}

/** A one-line name (title, version name): spaces collapsed, 1 to 200 characters. */
function oneLine(value: unknown, field: string, missing: string, tooLong: string): string {
	const v = String(value ?? '')
		.trim()
		.replace(/\s+/g, ' ');
	if (!v) throw new ValidationError({ [field]: missing });
	if (v.length > 200) throw new ValidationError({ [field]: tooLong });
	return v;
}

const cleanTitle = (title: unknown) =>
	oneLine(title, 'title', 'Indica un titolo', 'Il titolo può avere al massimo 200 caratteri');

export function create(
	user: SessionUser,
	tavoloId: number,
	input: {
		kind: Kind | string;
		title: string;
		subkind?: Subkind | string | null;
		template?: boolean;
		content?: object;
	}
): DocumentInfo {
	assertCan(user, 'document.create', { tavoloId });
	const kind = input.kind as Kind;
	if (!KINDS.includes(kind)) throw new ValidationError({ kind: 'Scegli il tipo di documento' });
	let subkind: Subkind | null = null;
	if (kind === 'accordo') {
		subkind = (input.subkind || 'protocollo_intesa') as Subkind;
		if (!SUBKINDS.includes(subkind))
			throw new ValidationError({ subkind: 'Scegli il tipo di accordo' });
	}
	const title = cleanTitle(input.title);
	const json = input.content
		? (input.content as PMNode)
		: input.template === false
			? { type: 'doc', content: [{ type: 'paragraph' }] }
			: template(kind, title, subkind);
	const state = stateFromJson(json);
	const id = randomBytes(16).toString('base64url');
	const d = db();
	d.transaction(() => {
		d.prepare(
			'INSERT INTO documents (id, tavolo_id, kind, subkind, title, created_by) VALUES (?, ?, ?, ?, ?, ?)'
		).run(id, tavoloId, kind, subkind, title, user.id);
		compactStored(id, state);
	})();
	return info(user, row(id)!);
}

export function list(
	user: SessionUser,
	tavoloId: number,
	opts: { includeArchived?: boolean } = {}
): (DocumentInfo & { createdByName: string | null })[] {
	assertCan(user, 'document.read', { tavoloId });
	const rows = db()
		.prepare(
			`SELECT d.*, u.name AS created_by_name FROM documents d LEFT JOIN users u ON u.id = d.created_by
			 WHERE d.tavolo_id = ? ${opts.includeArchived ? '' : "AND d.status = 'attivo'"}
			 ORDER BY d.updated_at DESC, d.title`
		)
		.all(tavoloId) as (DocumentRow & { created_by_name: string | null })[];
	return rows.map((r) => ({ ...info(user, r), createdByName: r.created_by_name }));
}

export function get(user: SessionUser | null, id: string): DocumentInfo {
	return info(user, readable(user, id));
}

export function rename(user: SessionUser, id: string, title: string): DocumentInfo {
	managed(user, id);
	db()
		.prepare(
			`UPDATE documents SET title = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`
		)
		.run(cleanTitle(title), id);
	return info(user, row(id)!);
}

export function archive(user: SessionUser, id: string): DocumentInfo {
	const r = readable(user, id);
	assertCan(user, 'document.manage', { tavoloId: r.tavolo_id });
	if (r.status === 'archiviato') return info(user, r);
	audited(
		{
			actor: user,
			tavoloId: r.tavolo_id,
			action: 'document.archived',
			target: ['document', id, r.title]
		},
		() => db().prepare(`UPDATE documents SET status = 'archiviato' WHERE id = ?`).run(id)
	);
	liveDocs().get(id)?.setReadOnly('archived');
	return info(user, row(id)!);
}

/**
 * Approves the text as it is now: read-only for everyone from this instant, open connections
 * included, with the SHA-256 of its canonical content (see canonicalContent in content.ts).
 */
export function freeze(user: SessionUser, id: string): { hash: string; frozenAt: string } {
	const r = managed(user, id);
	const refusal = kindOf(r.kind)?.freezeRefusal;
	if (refusal) throw new ConflictError(refusal);
	return freezeUnchecked(user, id);
}

/**
 * Freezes without the access check or the kind's refusal: for the workflow that owns a kind's
 * approval (minutes approval freezes its verbale), which has checked the user itself.
 */
export function freezeUnchecked(user: SessionUser, id: string): { hash: string; frozenAt: string } {
	const r = row(id);
	if (!r) throw new NotFoundError('Documento non trovato');
	stillOpen(r);
	// All synchronous: no client message can land between the hash and the read-only switch.
	return withLive(id, (live) => {
		live.flush();
		const hash = contentHash(live.ydoc);
		const frozenAt = new Date().toISOString();
		audited(
			{
				actor: user,
				tavoloId: r.tavolo_id,
				action: 'document.frozen',
				target: ['document', id, r.title],
				detail: { hash }
			},
			() =>
				db()
					.prepare(
						'UPDATE documents SET frozen_at = ?, frozen_hash = ?, frozen_by = ?, updated_at = ? WHERE id = ?'
					)
					.run(frozenAt, hash, user.id, frozenAt, id)
		);
		live.setReadOnly('frozen');
		return { hash, frozenAt };
	});
}

export function saveVersion(
	user: SessionUser,
	id: string,
	name: string
): { versionId: number; hash: string } {
	const r = readable(user, id);
	// Naming a version is part of writing together ("bozza inviata agli enti"), not an act of the
	// segreteria: every writer may do it while the document is open.
	assertCan(user, 'document.write', { tavoloId: r.tavolo_id, frozen: !!r.frozen_at });
	if (r.status === 'archiviato') throw new ConflictError('Il documento è archiviato');
	const label = oneLine(
		name,
		'name',
		'Dai un nome alla versione',
		'Il nome può avere al massimo 200 caratteri'
	);
	return withLive(id, (live) => {
		live.flush();
		const state = Y.encodeStateAsUpdate(live.ydoc);
		const hash = contentHash(live.ydoc);
		const info = db()
			.prepare(
				'INSERT INTO document_versions (document_id, name, author_id, state, hash) VALUES (?, ?, ?, ?, ?)'
			)
			.run(id, label, user.id, Buffer.from(state), hash);
		return { versionId: Number(info.lastInsertRowid), hash };
	});
}

/** A version as VersionInfo names it; the listing leaves the large state out, getVersion adds it. */
const VERSION_COLUMNS = `v.id, v.name, v.author_id AS authorId, u.name AS authorName,
	v.created_at AS createdAt, v.hash`;
const VERSIONS_FROM = 'FROM document_versions v LEFT JOIN users u ON u.id = v.author_id';

export function listVersions(user: SessionUser, id: string): VersionInfo[] {
	readable(user, id);
	return db()
		.prepare(
			`SELECT ${VERSION_COLUMNS} ${VERSIONS_FROM} WHERE v.document_id = ? ORDER BY v.id DESC`
		)
		.all(id) as VersionInfo[];
}

export function getVersion(
	user: SessionUser,
	id: string,
	versionId: number
): VersionInfo & { content: PMNode } & VersionExtras {
	readable(user, id);
	const v = db()
		.prepare(
			`SELECT ${VERSION_COLUMNS}, v.state ${VERSIONS_FROM} WHERE v.document_id = ? AND v.id = ?`
		)
		.get(id, versionId) as (VersionInfo & { state: Buffer }) | undefined;
	if (!v) throw new NotFoundError('Versione non trovata');
	const { state, ...info } = v;
	return {
		...info,
		// The kinds add their own fields (a plan's actions), see kinds.ts.
		...withState(state, (doc) => ({ ...previewExtras(doc), content: docJson(doc) }))
	};
}

/**
 * Makes a version's content the current content again (the rich text, and a plan's actions), as a
 * new change everyone receives live; the history (log, other versions) is kept.
 */
export function restoreVersion(user: SessionUser, id: string, versionId: number): { hash: string } {
	// Restoring is a new change like any edit, so writers may do it; frozen or archived refuse it.
	const r = readable(user, id);
	assertCan(user, 'document.write', { tavoloId: r.tavolo_id, frozen: !!r.frozen_at });
	if (r.status === 'archiviato') throw new ConflictError('Il documento è archiviato');
	const version = db()
		.prepare('SELECT state FROM document_versions WHERE document_id = ? AND id = ?')
		.get(id, versionId) as { state: Buffer } | undefined;
	if (!version) throw new NotFoundError('Versione non trovata');
	return withLive(id, (live) => {
		restoreState(live.ydoc, version.state, 'restore');
		live.flush();
		// The update log has its own writer connection (store.ts): this row follows the flush that made the restore durable (ADR 014).
		record(db(), {
			actor: user,
			tavoloId: r.tavolo_id,
			action: 'document.restored',
			target: ['document', id, r.title],
			detail: { versionId }
		});
		return { hash: contentHash(live.ydoc) };
	});
}

function assertId(id: string): void {
	if (!ID_PATTERN.test(id) || !row(id)) throw new NotFoundError('Documento non trovato');
}

/** Server-side read of the rich text as ProseMirror JSON (no access check: callers check). */
export function contentJson(id: string): PMNode {
	assertId(id);
	return withLive(id, (live) => docJson(live.ydoc));
}

/** Server-side read of the rich text as plain text, blocks separated by new lines. */
export function contentText(id: string): string {
	return plainText(contentJson(id));
}

/** SHA-256 of the canonical content now (compare with frozenHash). */
export function currentHash(id: string): string {
	assertId(id);
	return withLive(id, (live) =>
		createHash('sha256').update(canonicalContent(live.ydoc)).digest('hex')
	);
}

/**
 * Called after each batch of updates has been stored and broadcast. Returns an unsubscribe
 * function. Listeners run synchronously on the hot path: debounce heavy work.
 */
export function onDocumentChange(listener: ChangeListener): () => void {
	changeListeners().add(listener);
	return () => changeListeners().delete(listener);
}

/**
 * Runs fn with the live server Y.Doc (loaded if needed). Changes made inside are stored and
 * broadcast like a client's. No access check: the caller decides.
 */
export function withDoc<T>(id: string, fn: (ydoc: Y.Doc) => T): T {
	assertId(id);
	return withLive(id, (live) => fn(live.ydoc));
}
