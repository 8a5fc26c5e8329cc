/**
 * The SQL of the riunioni domain: every SELECT aliases its columns to camelCase, so no module
 * above this one sees a snake_case row. No access checks here: callers hold an opened meeting
 * (access.ts) or say why they need none.
 */
import { db } from '../db/index.js';
import { NotFoundError } from '../errors.js';
import type {
	AttendanceStatus,
	MeetingStatus,
	MinutesStatus,
	Modality,
	RsvpAnswer
} from '../../meetings/model.js';

export interface Meeting {
	id: number;
	tavoloId: number;
	uid: string;
	title: string;
	startsAt: string;
	endsAt: string;
	modality: Modality;
	place: string;
	videoUrl: string;
	status: MeetingStatus;
	statusReason: string;
	sequence: number;
	version: number;
	convenedAt: string | null;
	updatedAt: string;
}

export interface AgendaItem {
	id: number;
	meetingId: number;
	position: number;
	title: string;
	description: string;
	proposingEnteId: number | null;
	proposingEnteName: string | null;
	durationMinutes: number | null;
	documentIds: string[];
	/** The linked workspace documents that still exist, with their titles. */
	documents: { id: string; title: string }[];
}

export interface Person {
	userId: number;
	name: string;
	role: string;
	representation: string | null;
	answer: RsvpAnswer | null;
	attendance: AttendanceStatus | null;
}

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

export const MEETING_COLUMNS = `m.id, m.tavolo_id AS tavoloId, m.uid, m.title, m.starts_at AS startsAt, m.ends_at AS endsAt,
	m.modality, m.place, m.video_url AS videoUrl, m.status, m.status_reason AS statusReason, m.sequence,
	m.version, m.convened_at AS convenedAt, m.updated_at AS updatedAt`;

export function meetingRow(id: number): Meeting {
	const m = db().prepare(`SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.id = ?`).get(id) as
		Meeting | undefined;
	if (!m) throw new NotFoundError('Riunione non trovata');
	return m;
}

export function meetingsOfTavolo(tavoloId: number): Meeting[] {
	return db()
		.prepare(
			`SELECT ${MEETING_COLUMNS} FROM meetings m WHERE m.tavolo_id = ? ORDER BY m.starts_at DESC`
		)
		.all(tavoloId) as Meeting[];
}

/** The people a convocation goes to: every member of the tavolo. */
export function invitedUserIds(tavoloId: number): number[] {
	return (
		db().prepare('SELECT user_id AS userId FROM memberships WHERE tavolo_id = ?').all(tavoloId) as {
			userId: number;
		}[]
	).map((r) => r.userId);
}

export function isMemberOf(userId: number, tavoloId: number): boolean {
	return !!db()
		.prepare('SELECT 1 FROM memberships WHERE user_id = ? AND tavolo_id = ?')
		.get(userId, tavoloId);
}

export function hasSupplente(tavoloId: number, enteId: number): boolean {
	return !!db()
		.prepare(
			`SELECT 1 FROM memberships WHERE tavolo_id = ? AND ente_id = ? AND role = 'componente' AND representation = 'supplente'`
		)
		.get(tavoloId, enteId);
}

export function enteInTavolo(tavoloId: number, enteId: number): boolean {
	return !!db()
		.prepare('SELECT 1 FROM memberships WHERE tavolo_id = ? AND ente_id = ?')
		.get(tavoloId, enteId);
}

export function documentInTavolo(documentId: string, tavoloId: number): boolean {
	return !!db()
		.prepare('SELECT 1 FROM documents WHERE id = ? AND tavolo_id = ?')
		.get(documentId, tavoloId);
}

// ---------------------------------------------------------------- agenda

export function agendaCount(meetingId: number): number {
	return (
		db().prepare('SELECT COUNT(*) AS n FROM agenda_items WHERE meeting_id = ?').get(meetingId) as {
			n: number;
		}
	).n;
}

export function agendaRows(meetingId: number): AgendaItem[] {
	const rows = db()
		.prepare(
			`SELECT a.id, a.meeting_id AS meetingId, a.position, a.title, a.description, a.proposing_ente_id AS proposingEnteId,
			        e.name AS proposingEnteName, a.duration_minutes AS durationMinutes, a.document_ids AS documentIds
			 FROM agenda_items a LEFT JOIN enti e ON e.id = a.proposing_ente_id WHERE a.meeting_id = ? ORDER BY a.position`
		)
		.all(meetingId) as (Omit<AgendaItem, 'documentIds'> & { documentIds: string })[];
	const titleOf = db().prepare('SELECT id, title FROM documents WHERE id = ?');
	return rows.map((r) => {
		const documentIds = JSON.parse(r.documentIds) as string[];
		const documents = documentIds
			.map((id) => titleOf.get(id) as { id: string; title: string } | undefined)
			.filter((d) => !!d);
		return { ...r, documentIds, documents };
	});
}

// ---------------------------------------------------------------- answers and attendance

export function rsvpOf(meetingId: number, userId: number): RsvpAnswer | null {
	return (
		(
			db()
				.prepare('SELECT answer FROM meeting_rsvps WHERE meeting_id = ? AND user_id = ?')
				.get(meetingId, userId) as { answer: RsvpAnswer } | undefined
		)?.answer ?? null
	);
}

/** Every member of the tavolo with their answer and attendance, grouped-ready by ente name. */
export function peopleRows(
	meetingId: number,
	tavoloId: number
): (Person & { enteId: number; enteName: string })[] {
	return db()
		.prepare(
			`SELECT ms.ente_id AS enteId, e.name AS enteName, u.id AS userId, u.name, ms.role, ms.representation,
			        r.answer, a.status AS attendance
			 FROM memberships ms JOIN users u ON u.id = ms.user_id JOIN enti e ON e.id = ms.ente_id
			 LEFT JOIN meeting_rsvps r ON r.meeting_id = ? AND r.user_id = u.id
			 LEFT JOIN meeting_attendance a ON a.meeting_id = ? AND a.user_id = u.id
			 WHERE ms.tavolo_id = ?
			 ORDER BY e.name, ms.role = 'segreteria' DESC, ms.representation = 'titolare' DESC, u.name`
		)
		.all(meetingId, meetingId, tavoloId) as (Person & { enteId: number; enteName: string })[];
}

export function presentEntiRows(
	meetingId: number,
	tavoloId: number
): { id: number; name: string }[] {
	// An ente counts once, whether its titolare, its supplente or both are there, in person or remote.
	return db()
		.prepare(
			`SELECT DISTINCT e.id, e.name FROM meeting_attendance a
			 JOIN memberships ms ON ms.user_id = a.user_id AND ms.tavolo_id = ? AND ms.role = 'componente'
			 JOIN enti e ON e.id = ms.ente_id
			 WHERE a.meeting_id = ? AND a.status IN ('presente','remoto') ORDER BY e.name`
		)
		.all(tavoloId, meetingId) as { id: number; name: string }[];
}

/** Member enti that have componenti: the ones quorum counts. */
export function countingEnti(tavoloId: number): number {
	return (
		db()
			.prepare(
				`SELECT COUNT(DISTINCT ente_id) AS n FROM memberships WHERE tavolo_id = ? AND role = 'componente'`
			)
			.get(tavoloId) as { n: number }
	).n;
}

/** Those present (in person or remote) and the segreteria: who a verbale is circulated to. */
export function attendeeIds(meetingId: number, tavoloId: number): number[] {
	const present = (
		db()
			.prepare(
				`SELECT user_id AS userId FROM meeting_attendance WHERE meeting_id = ? AND status IN ('presente','remoto')`
			)
			.all(meetingId) as { userId: number }[]
	).map((r) => r.userId);
	const segreteria = (
		db()
			.prepare(
				`SELECT user_id AS userId FROM memberships WHERE tavolo_id = ? AND role = 'segreteria'`
			)
			.all(tavoloId) as { userId: number }[]
	).map((r) => r.userId);
	return [...new Set([...present, ...segreteria])];
}

// ---------------------------------------------------------------- minutes

const MINUTES_COLUMNS = `v.id, v.meeting_id AS meetingId, v.document_id AS documentId, v.status, v.deadline, v.content_hash AS contentHash,
	v.frozen_at AS frozenAt, v.approved_at AS approvedAt, v.corrects_id AS correctsId, v.created_at AS createdAt,
	(SELECT c.id FROM meeting_minutes c WHERE c.corrects_id = v.id) AS correctedById, t.slug AS tavoloSlug`;
const MINUTES_FROM =
	'FROM meeting_minutes v JOIN meetings m ON m.id = v.meeting_id JOIN tavoli t ON t.id = m.tavolo_id';

type MinutesRow = Omit<Minutes, 'editorUrl'> & { tavoloSlug: string };
const shape = ({ tavoloSlug, ...r }: MinutesRow): Minutes => ({
	...r,
	editorUrl: `/tavoli/${tavoloSlug}/documenti/${r.documentId}`
});

export function minutesOfMeeting(meetingId: number): Minutes[] {
	return (
		db()
			.prepare(`SELECT ${MINUTES_COLUMNS} ${MINUTES_FROM} WHERE v.meeting_id = ? ORDER BY v.id`)
			.all(meetingId) as MinutesRow[]
	).map(shape);
}

export function minutesRow(minutesId: number): Minutes | null {
	const r = db()
		.prepare(`SELECT ${MINUTES_COLUMNS} ${MINUTES_FROM} WHERE v.id = ?`)
		.get(minutesId) as MinutesRow | undefined;
	return r ? shape(r) : null;
}
