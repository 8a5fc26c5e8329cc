/**
 * Riunioni of a tavolo: convocation with an ordine del giorno, lifecycle, RSVP per ente,
 * attendance and quorum, verbale. This module holds the cross-meeting reads and re-exports the
 * verbs, which live one job per file and take the acting user first:
 *
 *   rows (SQL) ← input (zod) ← access (open, the checked aggregate) ← notify
 *     ← lifecycle · agenda · rsvp · attendance · minutes ← index
 */
import { db, now } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertCan, can, readableTavoloIds } from '../policy/index.js';
import { meetingsOfTavolo, MEETING_COLUMNS, type Meeting } from './rows.js';
import { open } from './access.js';

export type {
	AttendanceStatus,
	MeetingStatus,
	Modality,
	RsvpAnswer
} from '../../meetings/model.js';
export type { AgendaItem, Meeting, Person } from './rows.js';
export { invitedUserIds } from './rows.js';
export { formValues, parseMeetingInput, type MeetingInput } from './input.js';
export { open, type MeetingRef, type OpenMeeting } from './access.js';
export {
	cancel,
	convene,
	markHeld,
	reschedule,
	schedule,
	setMinutesApprovedUnchecked,
	update
} from './lifecycle.js';
export {
	addAgendaItem,
	editAgendaItem,
	listAgendaItems,
	moveAgendaItem,
	removeAgendaItem,
	reorderAgenda
} from './agenda.js';
export { byEnte, isRepresented, mayDelegate, myRsvp, rsvp, type EnteRsvp } from './rsvp.js';
export { presentEnti, quorum, recordAttendance, requiredFor, type Quorum } from './attendance.js';

/** Loads a meeting the user may read (404 for a tavolo they may not see, as for the tavolo). */
export function getMeeting(user: SessionUser | null, meetingId: number): Meeting {
	return open(user, meetingId).meeting;
}

export function listMeetings(user: SessionUser | null, tavoloId: number): Meeting[] {
	assertCan(user, 'meeting.read', { tavoloId });
	const rows = meetingsOfTavolo(tavoloId);
	// Drafts are the segreteria's work in progress.
	return can(user, 'meeting.manage', { tavoloId })
		? rows
		: rows.filter((r) => r.status !== 'bozza');
}

/** Upcoming convened meetings of the tavoli the user reads (all of them when tavoloIds is omitted). */
export function upcoming(
	user: SessionUser,
	tavoloIds: number[] = readableTavoloIds(user),
	limit = 10
): (Meeting & { tavoloSlug: string; tavoloName: string })[] {
	const ids = tavoloIds.filter((id) => can(user, 'meeting.read', { tavoloId: id }));
	if (ids.length === 0) return [];
	return db()
		.prepare(
			`SELECT ${MEETING_COLUMNS}, t.slug AS tavoloSlug, t.name AS tavoloName FROM meetings m JOIN tavoli t ON t.id = m.tavolo_id
			 WHERE m.tavolo_id IN (${ids.map(() => '?').join(',')}) AND m.status IN ('convocata','rinviata') AND m.ends_at >= ?
			 ORDER BY m.starts_at LIMIT ?`
		)
		.all(...ids, now(), limit) as (Meeting & { tavoloSlug: string; tavoloName: string })[];
}

export interface Awaiting {
	kind: 'rsvp' | 'verbale';
	meetingId: number;
	title: string;
	startsAt: string;
	tavoloSlug: string;
	tavoloName: string;
	url: string;
}

/** Convocations to answer and verbali in approvazione, across the user's tavoli (or one). */
export function awaitingMe(user: SessionUser, tavoloId?: number): Awaiting[] {
	const filter = tavoloId ? 'AND ms.tavolo_id = ?' : '';
	const args = tavoloId ? [user.id, tavoloId] : [user.id];
	const rsvps = db()
		.prepare(
			`SELECT m.id AS meetingId, m.title, m.starts_at AS startsAt, t.slug AS tavoloSlug, t.name AS tavoloName
			 FROM memberships ms JOIN meetings m ON m.tavolo_id = ms.tavolo_id JOIN tavoli t ON t.id = m.tavolo_id
			 WHERE ms.user_id = ? ${filter} AND ms.role IN ('segreteria','componente') AND m.status IN ('convocata','rinviata') AND m.starts_at > ?
			   AND NOT EXISTS (SELECT 1 FROM meeting_rsvps r WHERE r.meeting_id = m.id AND r.user_id = ms.user_id)
			 ORDER BY m.starts_at`
		)
		.all(...args, now()) as Omit<Awaiting, 'kind' | 'url'>[];
	const minutes = db()
		.prepare(
			`SELECT m.id AS meetingId, m.title, m.starts_at AS startsAt, t.slug AS tavoloSlug, t.name AS tavoloName
			 FROM memberships ms JOIN meetings m ON m.tavolo_id = ms.tavolo_id JOIN tavoli t ON t.id = m.tavolo_id
			 JOIN meeting_minutes v ON v.meeting_id = m.id AND v.status = 'in_approvazione'
			 WHERE ms.user_id = ? ${filter} ORDER BY m.starts_at`
		)
		.all(...args) as Omit<Awaiting, 'kind' | 'url'>[];
	const url = (a: Omit<Awaiting, 'kind' | 'url'>) =>
		`/tavoli/${a.tavoloSlug}/riunioni/${a.meetingId}`;
	return [
		...rsvps.map((a) => ({ ...a, kind: 'rsvp' as const, url: url(a) })),
		...minutes.map((a) => ({ ...a, kind: 'verbale' as const, url: url(a) }))
	];
}
