/**
 * The verbale of a riunione: a co-edited document of the documents domain (kind 'verbale'),
 * pre-filled from the meeting, moving bozza → in_approvazione → approvato (frozen, with the
 * SHA-256 of its content). An approved verbale is never edited again: a correction is a new
 * verbale linked to it, and when that one is approved the first becomes 'superato'.
 */
import { db, now } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertCan } from '../policy/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { byId as tavoloById } from '../tavoli/index.js';
import { notify } from '../notifications/index.js';
import { emitToTavolo } from '../realtime/index.js';
import { formatInstant, formatRange, romeToUtc } from '../../rome.js';
import {
	byEnte,
	getMeeting,
	invitedUserIds,
	listAgendaItems,
	MODALITY_LABEL,
	quorum,
	setMinutesApproved,
	type Meeting
} from './index.js';
import * as documents from '../documents/index.js';

export type MinutesStatus = 'bozza' | 'in_approvazione' | 'approvato' | 'superato';

export interface Minutes {
	id: number;
	meetingId: number;
	documentId: string;
	status: MinutesStatus;
	deadline: string | null;
	contentHash: string | null;
	frozenAt: string | null;
	approvedAt: string | null;
	correctsId: number | null;
	correctedById: number | null;
	createdAt: string;
	editorUrl: string;
}

const COLUMNS = `v.id, v.meeting_id AS meetingId, v.document_id AS documentId, v.status, v.deadline, v.content_hash AS contentHash,
	v.frozen_at AS frozenAt, v.approved_at AS approvedAt, v.corrects_id AS correctsId, v.created_at AS createdAt,
	(SELECT c.id FROM meeting_minutes c WHERE c.corrects_id = v.id) AS correctedById, t.slug AS tavoloSlug`;
const FROM =
	'FROM meeting_minutes v JOIN meetings m ON m.id = v.meeting_id JOIN tavoli t ON t.id = m.tavolo_id';

type Row = Omit<Minutes, 'editorUrl'> & { tavoloSlug: string };
const shape = ({ tavoloSlug, ...r }: Row): Minutes => ({
	...r,
	editorUrl: `/tavoli/${tavoloSlug}/documenti/${r.documentId}`
});

export function listForMeeting(user: SessionUser | null, meetingId: number): Minutes[] {
	getMeeting(user, meetingId);
	return (
		db()
			.prepare(`SELECT ${COLUMNS} ${FROM} WHERE v.meeting_id = ? ORDER BY v.id`)
			.all(meetingId) as Row[]
	).map(shape);
}

function load(user: SessionUser, minutesId: number): { v: Minutes; m: Meeting } {
	const r = db().prepare(`SELECT ${COLUMNS} ${FROM} WHERE v.id = ?`).get(minutesId) as
		Row | undefined;
	if (!r) throw new NotFoundError('Verbale non trovato');
	const m = getMeeting(user, r.meetingId);
	assertCan(user, 'meeting.manage', { tavoloId: m.tavoloId });
	return { v: shape(r), m };
}

// ---------------------------------------------------------------- pre-filled content

type Node = {
	type: string;
	attrs?: Record<string, unknown>;
	content?: Node[];
	text?: string;
	marks?: { type: string }[];
};
const text = (s: string, bold = false): Node => ({
	type: 'text',
	text: s,
	...(bold ? { marks: [{ type: 'bold' }] } : {})
});
const p = (...parts: (string | Node)[]): Node => ({
	type: 'paragraph',
	content: parts.filter((x) => x !== '').map((x) => (typeof x === 'string' ? text(x) : x))
});
const h = (level: number, s: string): Node => ({
	type: 'heading',
	attrs: { level },
	content: [text(s)]
});
const ul = (items: string[]): Node => ({
	type: 'bulletList',
	content: items.map((s) => ({ type: 'listItem', content: [p(s)] }))
});

const ATT: Record<string, string> = {
	presente: 'presente',
	remoto: 'collegato da remoto',
	assente: 'assente'
};

/** The ProseMirror JSON of a new verbale: header, attendance by ente, one section per agenda item. */
export function prefill(user: SessionUser, m: Meeting, correctionOf?: Minutes): Node {
	const tavolo = tavoloById(m.tavoloId);
	const agenda = listAgendaItems(user, m.id);
	const enti = byEnte(user, m.id);
	const q = quorum(user, m.id);
	const content: Node[] = [
		h(
			1,
			`Verbale della riunione del ${formatInstant(m.startsAt).replace(/,? (alle ore )?\d\d:\d\d$/, '')}`
		),
		p(text('Tavolo: ', true), tavolo.name),
		p(text('Riunione: ', true), m.title),
		p(text('Data e ora: ', true), `${formatRange(m.startsAt, m.endsAt)} (ora italiana)`),
		p(text('Modalità: ', true), MODALITY_LABEL[m.modality], m.place ? ` – ${m.place}` : '')
	];
	if (correctionOf)
		content.push(
			p(
				text('Correzione ', true),
				`del verbale approvato il ${formatInstant(correctionOf.approvedAt!)} (SHA-256 ${correctionOf.contentHash}). Indicare qui cosa si corregge e perché.`
			)
		);
	content.push(h(2, 'Presenze'));
	const present: string[] = [];
	const absent: string[] = [];
	for (const e of enti) {
		const here = e.people.filter((x) => x.attendance === 'presente' || x.attendance === 'remoto');
		if (here.length)
			present.push(
				`${e.enteName}: ${here.map((x) => `${x.name}${x.representation ? ` (${x.representation})` : x.role === 'segreteria' ? ' (segreteria)' : ''}, ${ATT[x.attendance!]}`).join('; ')}`
			);
		else if (e.people.some((x) => x.role === 'componente')) absent.push(e.enteName);
	}
	content.push(present.length ? ul(present) : p('Nessuna presenza registrata.'));
	if (absent.length) content.push(p(text('Enti non rappresentati: ', true), absent.join(', ')));
	content.push(
		p(
			text('Quorum: ', true),
			`${q.present} enti presenti su ${q.total} (necessari ${q.required}): ${q.reached ? 'raggiunto' : 'non raggiunto'}.`
		)
	);
	content.push(h(2, 'Ordine del giorno'));
	for (const a of agenda) {
		content.push(h(3, `${a.position}. ${a.title}`));
		if (a.description) content.push(p(a.description));
		content.push(p(text('Discussione: ', true), '…'));
		content.push(p(text('Esito: ', true), '…'));
	}
	if (agenda.length === 0) content.push(p('Nessun punto all’ordine del giorno.'));
	return { type: 'doc', content };
}

// ---------------------------------------------------------------- pipeline

/** One click: the verbale document for a held meeting, pre-filled from it. */
export async function createMinutes(user: SessionUser, meetingId: number): Promise<Minutes> {
	const m = getMeeting(user, meetingId);
	assertCan(user, 'meeting.manage', { tavoloId: m.tavoloId });
	if (m.status !== 'svolta')
		throw new ValidationError({
			_:
				m.status === 'verbale_approvato'
					? 'Il verbale di questa riunione è già approvato: per modificarlo crea una correzione'
					: 'Il verbale si crea dopo la riunione: segnala prima come svolta'
		});
	if (
		db()
			.prepare(`SELECT 1 FROM meeting_minutes WHERE meeting_id = ? AND status != 'superato'`)
			.get(m.id)
	)
		throw new ConflictError('Il verbale di questa riunione esiste già');
	const doc = await documents.create(user, m.tavoloId, {
		kind: 'verbale',
		title: `Verbale – ${m.title}`,
		content: prefill(user, m)
	});
	const id = Number(
		db()
			.prepare('INSERT INTO meeting_minutes (meeting_id, document_id, created_by) VALUES (?, ?, ?)')
			.run(m.id, String(doc.id), user.id).lastInsertRowid
	);
	void emitToTavolo(m.tavoloId, 'meeting:changed', { meetingId: m.id, event: 'verbale' });
	return listForMeeting(user, m.id).find((x) => x.id === id)!;
}

function attendeeIds(meetingId: number, tavoloId: number): number[] {
	const present = (
		db()
			.prepare(
				`SELECT user_id FROM meeting_attendance WHERE meeting_id = ? AND status IN ('presente','remoto')`
			)
			.all(meetingId) as {
			user_id: number;
		}[]
	).map((r) => r.user_id);
	const segreteria = (
		db()
			.prepare(`SELECT user_id FROM memberships WHERE tavolo_id = ? AND role = 'segreteria'`)
			.all(tavoloId) as { user_id: number }[]
	).map((r) => r.user_id);
	return [...new Set([...present, ...segreteria])];
}

/** bozza → in_approvazione: circulated to the attendees, who may still amend; optional deadline (date). */
export async function circulate(
	user: SessionUser,
	minutesId: number,
	input: { deadline?: unknown } = {}
): Promise<Minutes> {
	const { v, m } = load(user, minutesId);
	if (v.status !== 'bozza')
		throw new ValidationError({
			_: `Il verbale è ${v.status === 'in_approvazione' ? 'già in approvazione' : v.status}: si mette in approvazione solo una bozza`
		});
	let deadline: string | null = null;
	const raw = String(input.deadline ?? '').trim();
	if (raw) {
		const d = romeToUtc(raw, '23:59');
		if (!d) throw new ValidationError({ deadline: 'Scadenza non valida (usa una data)' });
		if (d.getTime() < Date.now())
			throw new ValidationError({ deadline: 'La scadenza è già passata' });
		deadline = d.toISOString();
	}
	const res = db()
		.prepare(
			`UPDATE meeting_minutes SET status = 'in_approvazione', deadline = ? WHERE id = ? AND status = 'bozza'`
		)
		.run(deadline, v.id);
	if (res.changes === 0)
		throw new ConflictError('Il verbale è cambiato nel frattempo: ricarica la pagina');
	const url = `/tavoli/${tavoloById(m.tavoloId).slug}/riunioni/${m.id}`;
	await notify(attendeeIds(m.id, m.tavoloId), {
		kind: 'verbale.da_approvare',
		tavoloId: m.tavoloId,
		title: `Verbale da approvare: ${m.title}`,
		body: `Il verbale della riunione del ${formatInstant(m.startsAt)} è in approvazione${deadline ? ` fino al ${formatInstant(deadline)}` : ''}. Puoi leggerlo e proporre modifiche.`,
		url,
		email: {}
	});
	void emitToTavolo(m.tavoloId, 'meeting:changed', { meetingId: m.id, event: 'verbale' });
	return listForMeeting(user, m.id).find((x) => x.id === v.id)!;
}

/** in_approvazione → approvato: the document is frozen (read-only, SHA-256 of its content). */
export async function approve(user: SessionUser, minutesId: number): Promise<Minutes> {
	const { v, m } = load(user, minutesId);
	if (v.status !== 'in_approvazione')
		throw new ValidationError({
			_:
				v.status === 'bozza'
					? 'Il verbale non è in approvazione: mettilo prima in approvazione'
					: 'Il verbale non è in approvazione: è già approvato'
		});
	// The document may already have been frozen from its own page: approval then pins that text.
	const doc = documents.get(user, v.documentId);
	const frozen =
		doc.frozen && doc.frozenHash
			? { hash: doc.frozenHash, frozenAt: doc.frozenAt }
			: documents.freezeUnchecked(user, v.documentId);
	const at = now();
	db().transaction(() => {
		db()
			.prepare(
				`UPDATE meeting_minutes SET status = 'approvato', content_hash = ?, frozen_at = ?, approved_at = ? WHERE id = ?`
			)
			.run(frozen.hash, String(frozen.frozenAt ?? at), at, v.id);
		if (v.correctsId)
			db().prepare(`UPDATE meeting_minutes SET status = 'superato' WHERE id = ?`).run(v.correctsId);
	})();
	setMinutesApproved(m.id);
	const url = `/tavoli/${tavoloById(m.tavoloId).slug}/riunioni/${m.id}`;
	await notify(invitedUserIds(m.tavoloId), {
		kind: 'verbale.approvato',
		tavoloId: m.tavoloId,
		title: `Verbale approvato: ${m.title}`,
		body: `Il verbale della riunione del ${formatInstant(m.startsAt)} è stato approvato. SHA-256: ${frozen.hash}`,
		url,
		email: {}
	});
	void emitToTavolo(m.tavoloId, 'meeting:changed', { meetingId: m.id, event: 'verbale' });
	return listForMeeting(user, m.id).find((x) => x.id === v.id)!;
}

/** A correction of an approved verbale: a new linked verbale in bozza, pre-filled again. */
export async function correct(user: SessionUser, minutesId: number): Promise<Minutes> {
	const { v, m } = load(user, minutesId);
	if (v.status !== 'approvato')
		throw new ValidationError({
			_: 'Si corregge solo un verbale approvato: una bozza si modifica direttamente'
		});
	if (db().prepare(`SELECT 1 FROM meeting_minutes WHERE corrects_id = ?`).get(v.id))
		throw new ConflictError('Esiste già una correzione di questo verbale');
	const doc = await documents.create(user, m.tavoloId, {
		kind: 'verbale',
		title: `Verbale – ${m.title} (correzione)`,
		content: prefill(user, m, v)
	});
	const id = Number(
		db()
			.prepare(
				'INSERT INTO meeting_minutes (meeting_id, document_id, corrects_id, created_by) VALUES (?, ?, ?, ?)'
			)
			.run(m.id, String(doc.id), v.id, user.id).lastInsertRowid
	);
	void emitToTavolo(m.tavoloId, 'meeting:changed', { meetingId: m.id, event: 'verbale' });
	return listForMeeting(user, m.id).find((x) => x.id === id)!;
}
