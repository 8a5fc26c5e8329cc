/**
 * Attendance and quorum. Quorum counts enti, not people: an ente is present when its titolare, its
 * supplente or both are there, in person or remote; only enti with componenti count.
 */
import { db, now } from '../db/index.js';
import { audited } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import { ValidationError } from '../errors.js';
import { byId as tavoloById } from '../tavoli/index.js';
import {
	ATTENDANCE_LEAD_MS,
	ATTENDANCE_STATUSES,
	ATTENDANCE_STATUSES_OPEN
} from '../../meetings/model.js';
import { countingEnti, isMemberOf, meetingRow, presentEntiRows, type Meeting } from './rows.js';
import { resolve, type MeetingRef } from './access.js';
import { announceAttendance, statusLabel } from './notify.js';

export interface Quorum {
	rule: string;
	/** Member enti that have componenti: the ones that count. */
	total: number;
	required: number;
	present: number;
	reached: boolean;
	presentEnti: { id: number; name: string }[];
}

/** 'maggioranza' = more than half of the member enti with componenti; 'n:<k>' = at least k. */
export function requiredFor(rule: string, total: number): number {
	const m = /^n:(\d+)$/.exec(rule.trim());
	if (m) return Math.max(1, Number(m[1]));
	return Math.floor(total / 2) + 1;
}

function computeQuorum(m: Meeting): Quorum {
	const rule = tavoloById(m.tavoloId).quorumRule;
	const total = countingEnti(m.tavoloId);
	const present = presentEntiRows(m.id, m.tavoloId);
	const required = requiredFor(rule, total);
	return {
		rule,
		total,
		required,
		present: present.length,
		reached: total > 0 && present.length >= required,
		presentEnti: present
	};
}

export function quorum(user: SessionUser | null, ref: MeetingRef): Quorum {
	return computeQuorum(resolve(user, ref).meeting);
}

/** Enti present at a meeting (ids), for the decisions domain, which checked access itself. */
export function presentEnti(meetingId: number): number[] {
	const m = meetingRow(meetingId);
	return presentEntiRows(m.id, m.tavoloId).map((e) => e.id);
}

/** Records one person's attendance (presente / assente / remoto); the change goes out live. */
export function recordAttendance(
	user: SessionUser,
	ref: MeetingRef,
	userId: number,
	status: unknown
): Quorum {
	const o = resolve(user, ref);
	const m = o.meeting;
	if (!o.canManage) throw new ValidationError({ _: 'Solo la segreteria registra le presenze' });
	if (!(ATTENDANCE_STATUSES as readonly string[]).includes(String(status)))
		throw new ValidationError({ status: 'Scegli presente, assente o collegato da remoto' });
	if (!ATTENDANCE_STATUSES_OPEN.includes(m.status))
		throw new ValidationError({
			_:
				m.status === 'bozza'
					? 'La riunione non è ancora stata convocata'
					: `Le presenze di una riunione ${statusLabel(m.status)} non si modificano`
		});
	if (new Date(m.startsAt).getTime() > Date.now() + ATTENDANCE_LEAD_MS)
		throw new ValidationError({
			_: 'Le presenze si registrano dal giorno della riunione (un’ora prima dell’inizio)'
		});
	if (!isMemberOf(Number(userId), m.tavoloId))
		throw new ValidationError({ userId: 'La persona non fa parte del tavolo' });
	audited(
		{
			actor: user,
			tavoloId: m.tavoloId,
			action: 'attendance.recorded',
			target: ['meeting', m.id, m.title],
			detail: { userId: Number(userId), status }
		},
		() =>
			db()
				.prepare(
					`INSERT INTO meeting_attendance (meeting_id, user_id, status, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (meeting_id, user_id) DO UPDATE SET status = excluded.status, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`
				)
				.run(m.id, Number(userId), status, user.id, now())
	);
	announceAttendance(m, Number(userId));
	return computeQuorum(m);
}
