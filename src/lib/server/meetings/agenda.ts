/**
 * The ordine del giorno: add, edit, remove and reorder points while the meeting can still change.
 * After convocation every change bumps the iCalendar SEQUENCE and tells the invited people.
 */
import { db, now } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { isEditable } from '../../meetings/model.js';
import { agendaCount, agendaRows, meetingRow, type AgendaItem, type Meeting } from './rows.js';
import { parseAgenda } from './input.js';
import { resolve, resolveManaged, type MeetingRef, type OpenMeeting } from './access.js';
import { announce, statusLabel, tell, type Tr } from './notify.js';

/** The ordine del giorno, in order. */
export function listAgendaItems(user: SessionUser | null, ref: MeetingRef): AgendaItem[] {
	return agendaRows(resolve(user, ref).meeting.id);
}

function editable(user: SessionUser, ref: MeetingRef): OpenMeeting {
	const o = resolveManaged(user, ref);
	if (!isEditable(o.meeting.status))
		throw new ConflictError(
			`L’ordine del giorno di una riunione ${statusLabel(o.meeting.status)} non si modifica più`
		);
	return o;
}

async function changed(m: Meeting, what: (t: Tr) => string): Promise<void> {
	const after = m.status !== 'bozza';
	db()
		.prepare(
			'UPDATE meetings SET sequence = sequence + ?, version = version + 1, updated_at = ? WHERE id = ?'
		)
		.run(after ? 1 : 0, now(), m.id);
	const fresh = meetingRow(m.id);
	if (after)
		await tell(fresh, {
			kind: 'riunione.modificata',
			title: (t) => t('meeting.notify.agendaChanged', { title: fresh.title }),
			body: what,
			email: 'plain'
		});
	announce(fresh, 'agenda');
}

function item(meetingId: number, itemId: number): AgendaItem {
	const found = agendaRows(meetingId).find((a) => a.id === itemId);
	if (!found) throw new NotFoundError('Punto all’ordine del giorno non trovato');
	return found;
}

export async function addAgendaItem(
	user: SessionUser,
	ref: MeetingRef,
	input: Record<string, unknown>
): Promise<AgendaItem> {
	const { meeting: m } = editable(user, ref);
	const v = parseAgenda(m.tavoloId, input);
	const pos = agendaCount(m.id) + 1;
	const id = Number(
		db()
			.prepare(
				'INSERT INTO agenda_items (meeting_id, position, title, description, proposing_ente_id, duration_minutes, document_ids) VALUES (?, ?, ?, ?, ?, ?, ?)'
			)
			.run(m.id, pos, v.title, v.description, v.proposingEnteId, v.durationMinutes, v.documentIds)
			.lastInsertRowid
	);
	await changed(m, (t) => t('meeting.notify.agendaAdded', { position: pos, title: v.title }));
	return item(m.id, id);
}

export async function editAgendaItem(
	user: SessionUser,
	ref: MeetingRef,
	itemId: number,
	input: Record<string, unknown>
): Promise<AgendaItem> {
	const { meeting: m } = editable(user, ref);
	item(m.id, itemId);
	const v = parseAgenda(m.tavoloId, input);
	db()
		.prepare(
			'UPDATE agenda_items SET title = ?, description = ?, proposing_ente_id = ?, duration_minutes = ?, document_ids = ? WHERE id = ?'
		)
		.run(v.title, v.description, v.proposingEnteId, v.durationMinutes, v.documentIds, itemId);
	const after = item(m.id, itemId);
	await changed(m, (t) =>
		t('meeting.notify.agendaEdited', { position: after.position, title: after.title })
	);
	return after;
}

export async function removeAgendaItem(
	user: SessionUser,
	ref: MeetingRef,
	itemId: number
): Promise<void> {
	const { meeting: m } = editable(user, ref);
	const gone = item(m.id, itemId);
	if (m.status !== 'bozza' && agendaCount(m.id) === 1)
		throw new ValidationError({
			_: 'Una riunione convocata deve avere almeno un punto all’ordine del giorno'
		});
	db().transaction(() => {
		db().prepare('DELETE FROM agenda_items WHERE id = ?').run(itemId);
		db()
			.prepare(
				'UPDATE agenda_items SET position = position - 1 WHERE meeting_id = ? AND position > ?'
			)
			.run(m.id, gone.position);
	})();
	await changed(m, (t) => t('meeting.notify.agendaRemoved', { title: gone.title }));
}

/** Puts the items in the given order (every item id exactly once). */
export async function reorderAgenda(
	user: SessionUser,
	ref: MeetingRef,
	orderedIds: number[]
): Promise<AgendaItem[]> {
	const { meeting: m } = editable(user, ref);
	const current = agendaRows(m.id);
	const ids = orderedIds.map(Number);
	if (
		ids.length !== current.length ||
		new Set(ids).size !== ids.length ||
		!ids.every((id) => current.some((a) => a.id === id))
	)
		throw new ValidationError({
			_: 'L’ordine indicato non corrisponde ai punti dell’ordine del giorno: ricarica la pagina'
		});
	if (ids.every((id, i) => current[i].id === id)) return current;
	db().transaction(() => {
		const up = db().prepare('UPDATE agenda_items SET position = ? WHERE id = ?');
		ids.forEach((id, i) => up.run(i + 1, id));
	})();
	await changed(m, (t) => t('meeting.notify.agendaReordered'));
	return agendaRows(m.id);
}

/** Moves one item up (-1) or down (+1): the keyboard-friendly reorder. */
export function moveAgendaItem(
	user: SessionUser,
	ref: MeetingRef,
	itemId: number,
	delta: -1 | 1
): Promise<AgendaItem[]> {
	const o = resolve(user, ref);
	const ids = agendaRows(o.meeting.id).map((a) => a.id);
	const i = ids.indexOf(itemId);
	if (i < 0) throw new NotFoundError('Punto all’ordine del giorno non trovato');
	const j = i + delta;
	if (j < 0 || j >= ids.length)
		throw new ValidationError({ _: 'Il punto è già al limite dell’elenco' });
	[ids[i], ids[j]] = [ids[j], ids[i]];
	return reorderAgenda(user, o, ids);
}
