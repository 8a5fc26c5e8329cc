/**
 * The verbale of a riunione: a co-edited document of the documents domain (kind 'verbale'),
 * pre-filled from the meeting, moving bozza → in_approvazione → approvato (frozen, with the
 * SHA-256 of its content). An approved verbale is never edited again: a correction is a new
 * verbale linked to it, and when that one is approved the first becomes 'superato'.
 */
import { db, now } from '../db/index.js';
import { audited, record } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { formatInstant, romeToUtc } from '../../rome.js';
import { canMoveMinutes } from '../../meetings/model.js';
import * as documents from '../documents/index.js';
import { attendeeIds, minutesOfMeeting, minutesRow, type Minutes } from './rows.js';
import { resolve, resolveManaged, type MeetingRef, type OpenMeeting } from './access.js';
import { announce, tell } from './notify.js';
import { setMinutesApprovedUnchecked } from './lifecycle.js';
import { prefill } from './minutes-content.js';

export type { Minutes } from './rows.js';
export type { MinutesStatus } from '../../meetings/model.js';
export { prefill } from './minutes-content.js';

export function listForMeeting(user: SessionUser | null, ref: MeetingRef): Minutes[] {
	return minutesOfMeeting(resolve(user, ref).meeting.id);
}

/** A verbale and its meeting, opened for the segreteria. */
function load(user: SessionUser, minutesId: number): { v: Minutes; o: OpenMeeting } {
	const v = Number.isInteger(minutesId) ? minutesRow(minutesId) : null;
	if (!v) throw new NotFoundError('Verbale non trovato');
	return { v, o: resolveManaged(user, v.meetingId) };
}

const fresh = (meetingId: number, id: number) =>
	minutesOfMeeting(meetingId).find((x) => x.id === id)!;

/** One click: the verbale document for a held meeting, pre-filled from it. */
export async function createMinutes(user: SessionUser, ref: MeetingRef): Promise<Minutes> {
	const o = resolveManaged(user, ref);
	const m = o.meeting;
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
		content: prefill(o)
	});
	const id = Number(
		audited(
			(r) => ({
				actor: user,
				tavoloId: m.tavoloId,
				action: 'minutes.created',
				target: ['minutes', r, m.title],
				detail: { documentId: String(doc.id) }
			}),
			() =>
				db()
					.prepare(
						'INSERT INTO meeting_minutes (meeting_id, document_id, created_by) VALUES (?, ?, ?)'
					)
					.run(m.id, String(doc.id), user.id).lastInsertRowid
		)
	);
	announce(m, 'verbale');
	return fresh(m.id, id);
}

/** bozza → in_approvazione: circulated to the attendees, who may still amend; optional deadline (date). */
export async function circulate(
	user: SessionUser,
	minutesId: number,
	input: { deadline?: unknown } = {}
): Promise<Minutes> {
	const { v, o } = load(user, minutesId);
	const m = o.meeting;
	if (!canMoveMinutes(v.status, 'in_approvazione'))
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
	audited(
		{
			actor: user,
			tavoloId: m.tavoloId,
			action: 'minutes.circulated',
			target: ['minutes', v.id, m.title],
			detail: { deadline }
		},
		() => {
			const res = db()
				.prepare(
					`UPDATE meeting_minutes SET status = 'in_approvazione', deadline = ? WHERE id = ? AND status = 'bozza'`
				)
				.run(deadline, v.id);
			// Thrown inside the transaction: a lost race leaves no audit row.
			if (res.changes === 0)
				throw new ConflictError('Il verbale è cambiato nel frattempo: ricarica la pagina');
		}
	);
	await tell(
		m,
		{
			kind: 'verbale.da_approvare',
			title: (t) => t('minutes.notify.circulated', { title: m.title }),
			body: (t) =>
				t(deadline ? 'minutes.notify.circulatedUntil' : 'minutes.notify.circulatedBody', {
					date: formatInstant(m.startsAt, t.locale),
					deadline: deadline ? formatInstant(deadline, t.locale) : ''
				}),
			email: 'default'
		},
		attendeeIds(m.id, m.tavoloId)
	);
	announce(m, 'verbale');
	return fresh(m.id, v.id);
}

/** in_approvazione → approvato: the document is frozen (read-only, SHA-256 of its content). */
export async function approve(user: SessionUser, minutesId: number): Promise<Minutes> {
	const { v, o } = load(user, minutesId);
	const m = o.meeting;
	if (!canMoveMinutes(v.status, 'approvato'))
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
		record(db(), {
			actor: user,
			tavoloId: m.tavoloId,
			action: 'minutes.approved',
			target: ['minutes', v.id, m.title],
			detail: { hash: frozen.hash }
		});
	})();
	setMinutesApprovedUnchecked(m.id);
	await tell(m, {
		kind: 'verbale.approvato',
		title: (t) => t('minutes.notify.approved', { title: m.title }),
		body: (t) =>
			t('minutes.notify.approvedBody', {
				date: formatInstant(m.startsAt, t.locale),
				hash: frozen.hash
			}),
		email: 'default'
	});
	announce(m, 'verbale');
	return fresh(m.id, v.id);
}

/** A correction of an approved verbale: a new linked verbale in bozza, pre-filled again. */
export async function correct(user: SessionUser, minutesId: number): Promise<Minutes> {
	const { v, o } = load(user, minutesId);
	const m = o.meeting;
	if (v.status !== 'approvato')
		throw new ValidationError({
			_: 'Si corregge solo un verbale approvato: una bozza si modifica direttamente'
		});
	if (db().prepare(`SELECT 1 FROM meeting_minutes WHERE corrects_id = ?`).get(v.id))
		throw new ConflictError('Esiste già una correzione di questo verbale');
	const doc = await documents.create(user, m.tavoloId, {
		kind: 'verbale',
		title: `Verbale – ${m.title} (correzione)`,
		content: prefill(o, v)
	});
	const id = Number(
		audited(
			(r) => ({
				actor: user,
				tavoloId: m.tavoloId,
				action: 'minutes.corrected',
				target: ['minutes', r, m.title],
				detail: { corrects: v.id }
			}),
			() =>
				db()
					.prepare(
						'INSERT INTO meeting_minutes (meeting_id, document_id, corrects_id, created_by) VALUES (?, ?, ?, ?)'
					)
					.run(m.id, String(doc.id), v.id, user.id).lastInsertRowid
		)
	);
	announce(m, 'verbale');
	return fresh(m.id, id);
}
