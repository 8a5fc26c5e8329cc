/**
 * The decision tables, read and written in SQL with camelCase aliases. No access checks here:
 * every caller has opened the decision through `open()` or checks the policy itself.
 */
import { db, type DB } from '../db/index.js';
import { presentEnti } from '../meetings/index.js';
import {
	refOf,
	type DecisionType,
	type Outcome,
	type Status,
	type Visibility,
	type Vote,
	type Voting
} from '../../decisions/model.js';
import type { Chainable } from './chain.js';

export interface Attachment {
	documentId: string | null;
	versionId: number | null;
	title: string;
	sha256: string;
}

export interface Link {
	id: number;
	ref: string | null;
	title: string;
}

export interface Decision {
	id: number;
	tavoloId: number;
	tavoloSlug: string;
	tavoloName: string;
	region: string | null;
	meetingId: number | null;
	agendaItemId: number | null;
	title: string;
	body: string;
	type: DecisionType;
	outcome: Outcome;
	voting: Voting;
	visibility: Visibility;
	decidedOn: string;
	status: Status;
	year: number | null;
	number: number | null;
	ref: string | null; // "7/2026"
	seq: number | null;
	publishedAt: string | null;
	prevHash: string | null;
	hash: string | null;
	rettificaOf: Link | null;
	rettificataDa: Link[];
	votes: { enteId: number; enteName: string; vote: Vote }[];
	attachments: Attachment[];
	albo: { enteName: string; number: string; publishedOn: string; url: string } | null;
}

export const ROW = `d.id, d.tavolo_id AS tavoloId, t.slug AS tavoloSlug, t.name AS tavoloName, t.region,
	d.meeting_id AS meetingId, d.agenda_item_id AS agendaItemId, d.title, d.body, d.type, d.outcome, d.voting,
	d.visibility, d.decided_on AS decidedOn, d.status, d.year, d.number, d.chain_seq AS seq,
	d.published_at AS publishedAt, d.prev_hash AS prevHash, d.hash, d.rettifica_of AS rettificaOfId,
	d.updated_at AS updatedAt, t.is_public AS tavoloIsPublic`;

export type Row = Omit<
	Decision,
	'ref' | 'rettificaOf' | 'rettificataDa' | 'votes' | 'attachments' | 'albo'
> & {
	rettificaOfId: number | null;
	/** Compared at publication: the draft published is the draft that was checked. */
	updatedAt: string;
	tavoloIsPublic: 0 | 1;
};

export function rowById(id: number): Row | undefined {
	return db()
		.prepare(`SELECT ${ROW} FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE d.id = ?`)
		.get(id) as Row | undefined;
}

export interface LinkRow {
	id: number;
	year: number | null;
	number: number | null;
	title: string;
	status: Status;
	visibility: Visibility;
	tavoloId: number;
}

const LINK = 'id, year, number, title, status, visibility, tavolo_id AS tavoloId';

/** The decision a rettifica corrects, and the published rettifiche of a decision. */
export function linkRows(row: Row, withCorrections: boolean) {
	const d = db();
	return {
		of: row.rettificaOfId
			? ((d.prepare(`SELECT ${LINK} FROM decisions WHERE id = ?`).get(row.rettificaOfId) as
					LinkRow | undefined) ?? null)
			: null,
		by: withCorrections
			? (d
					.prepare(
						`SELECT ${LINK} FROM decisions WHERE rettifica_of = ? AND +status = 'pubblicata' ORDER BY id`
					)
					.all(row.id) as LinkRow[])
			: []
	};
}

export const toLink = (l: LinkRow): Link => ({ id: l.id, ref: refOf(l), title: l.title });

/** The votes recorded on a decision, by ente. */
export function votesOf(id: number): Decision['votes'] {
	return db()
		.prepare(
			'SELECT ente_id AS enteId, ente_name AS enteName, vote FROM decision_votes WHERE decision_id = ? ORDER BY ente_id'
		)
		.all(id) as Decision['votes'];
}

export function attachmentsOf(id: number): Attachment[] {
	return db()
		.prepare(
			'SELECT document_id AS documentId, version_id AS versionId, title, sha256 FROM decision_attachments WHERE decision_id = ? ORDER BY position'
		)
		.all(id) as Attachment[];
}

export function alboOf(id: number): Decision['albo'] {
	return (
		(db()
			.prepare(
				'SELECT ente_name AS enteName, number, published_on AS publishedOn, url FROM decision_albo WHERE decision_id = ?'
			)
			.get(id) as Decision['albo'] | undefined) ?? null
	);
}

/**
 * A row with its children. Linked decisions pass through `readable`: a rettifica or corrected
 * decision the viewer may not read is left out (it is not readable by inheritance).
 */
export function hydrate(row: Row, readable: (l: LinkRow) => boolean, full = true): Decision {
	const { rettificaOfId: _, updatedAt: __, tavoloIsPublic: ___, ...rest } = row;
	const links = linkRows(row, full);
	return {
		...rest,
		ref: refOf(row),
		rettificaOf: links.of && readable(links.of) ? toLink(links.of) : null,
		rettificataDa: links.by.filter(readable).map(toLink),
		votes: votesOf(row.id),
		attachments: attachmentsOf(row.id),
		albo: alboOf(row.id)
	};
}

/**
 * The enti entitled to vote: at a meeting, the enti present (attendance recorded by the
 * segreteria); for a written procedure, the tavolo's enti that have componenti.
 */
export function votingEnti(
	tavoloId: number,
	meetingId: number | null = null
): { id: number; name: string }[] {
	if (meetingId) {
		const ids = presentEnti(meetingId);
		if (!ids.length) return [];
		return db()
			.prepare(
				`SELECT id, name FROM enti WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY name`
			)
			.all(...ids) as { id: number; name: string }[];
	}
	return db()
		.prepare(
			`SELECT DISTINCT e.id, e.name FROM memberships m JOIN enti e ON e.id = m.ente_id
			 WHERE m.tavolo_id = ? AND m.role = 'componente' ORDER BY e.name`
		)
		.all(tavoloId) as { id: number; name: string }[];
}

export function enteName(id: number): string | null {
	return (
		(db().prepare('SELECT name FROM enti WHERE id = ?').get(id) as { name: string } | undefined)
			?.name ?? null
	);
}

export interface Children {
	votes: { enteId: number; enteName: string; vote: Vote }[];
	attachments: Attachment[];
}

export function writeChildren(d: DB, id: number, v: Children): void {
	d.prepare('DELETE FROM decision_votes WHERE decision_id = ?').run(id);
	d.prepare('DELETE FROM decision_attachments WHERE decision_id = ?').run(id);
	const vote = d.prepare(
		'INSERT INTO decision_votes (decision_id, ente_id, ente_name, vote) VALUES (?, ?, ?, ?)'
	);
	for (const x of v.votes) vote.run(id, x.enteId, x.enteName, x.vote);
	const att = d.prepare(
		'INSERT INTO decision_attachments (decision_id, position, document_id, version_id, title, sha256) VALUES (?, ?, ?, ?, ?, ?)'
	);
	v.attachments.forEach((a, i) => att.run(id, i + 1, a.documentId, a.versionId, a.title, a.sha256));
}

/** What gets hashed, read back from the rows (used at publication and by verify). */
export function chainable(d: DB, row: Row): Chainable {
	const rett = row.rettificaOfId
		? refOf(
				d.prepare('SELECT year, number FROM decisions WHERE id = ?').get(row.rettificaOfId) as {
					year: number;
					number: number;
				}
			)
		: null;
	return {
		tavoloId: row.tavoloId,
		visibility: row.visibility,
		seq: row.seq!,
		year: row.year!,
		number: row.number!,
		decidedOn: row.decidedOn,
		publishedAt: row.publishedAt!,
		title: row.title,
		body: row.body,
		type: row.type,
		outcome: row.outcome,
		voting: row.voting,
		votes: d
			.prepare(
				'SELECT ente_id AS enteId, ente_name AS enteName, vote FROM decision_votes WHERE decision_id = ?'
			)
			.all(row.id) as Chainable['votes'],
		attachments: d
			.prepare('SELECT sha256 FROM decision_attachments WHERE decision_id = ? ORDER BY position')
			.all(row.id) as { sha256: string }[],
		rettifica: rett,
		prevHash: row.prevHash
	};
}

/** The published rows in chain order (per tavolo and visibility), for verification. */
export function chainRows(publicOnly: boolean): Row[] {
	return db()
		.prepare(
			`SELECT ${ROW} FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE d.status = 'pubblicata'
			 ${publicOnly ? "AND d.visibility = 'pubblica' AND t.is_public = 1" : ''}
			 ORDER BY d.tavolo_id, d.visibility, d.chain_seq`
		)
		.all() as Row[];
}

/** Turns free text into an FTS5 query of quoted prefix terms (no FTS syntax reaches SQLite). */
export function ftsQuery(q: string): string | null {
	const terms = q
		.normalize('NFC')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((t) => t.length > 0)
		.slice(0, 12);
	return terms.length ? terms.map((t) => `"${t}"*`).join(' ') : null;
}
