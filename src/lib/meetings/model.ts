/**
 * The words of the riunioni domain, shared by the server and the pages so that a state or an
 * answer is spelled once. Labels come from the i18n keys `meeting.status.<s>`, `meeting.rsvp.<a>`,
 * `meeting.att.<s>`, `minutes.status.<s>` (src/lib/i18n/meetings.ts).
 */

export const MEETING_STATUSES = [
	'bozza',
	'convocata',
	'rinviata',
	'svolta',
	'annullata',
	'verbale_approvato'
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MODALITIES = ['presenza', 'online', 'mista'] as const;
export type Modality = (typeof MODALITIES)[number];

export const RSVP_ANSWERS = ['partecipo', 'non_partecipo', 'delego'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

/** In the order the segreteria's buttons show them. */
export const ATTENDANCE_STATUSES = ['presente', 'remoto', 'assente'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const MINUTES_STATUSES = ['bozza', 'in_approvazione', 'approvato', 'superato'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** Convened and not yet held: invited people answer, and are told of every change. */
export const LIVE_STATUSES: readonly MeetingStatus[] = ['convocata', 'rinviata'];
/** Data and agenda may still change. */
export const EDITABLE_STATUSES: readonly MeetingStatus[] = ['bozza', 'convocata', 'rinviata'];
/** Attendance may be recorded (from an hour before the start, see attendanceOpen). */
export const ATTENDANCE_STATUSES_OPEN: readonly MeetingStatus[] = [
	'convocata',
	'rinviata',
	'svolta'
];

export const isLive = (s: MeetingStatus) => LIVE_STATUSES.includes(s);
export const isEditable = (s: MeetingStatus) => EDITABLE_STATUSES.includes(s);

/** Attendance is taken from an hour before the start; the server refuses it earlier too. */
export const ATTENDANCE_LEAD_MS = 60 * 60_000;
export function attendanceOpen(status: MeetingStatus, startsAt: string, at = Date.now()): boolean {
	return (
		status === 'svolta' ||
		(isLive(status) && new Date(startsAt).getTime() - ATTENDANCE_LEAD_MS <= at)
	);
}

/**
 * The verbale's state machine: bozza → in_approvazione → approvato; an approved verbale becomes
 * superato when its correction is approved. Nothing else moves.
 */
export const MINUTES_NEXT: Record<MinutesStatus, readonly MinutesStatus[]> = {
	bozza: ['in_approvazione'],
	in_approvazione: ['approvato'],
	approvato: ['superato'],
	superato: []
};
export const canMoveMinutes = (from: MinutesStatus, to: MinutesStatus) =>
	MINUTES_NEXT[from].includes(to);

/** The one `depends()` key of a meeting page: live events invalidate it and nothing wider. */
export const meetingDependency = (meetingId: number) => `raccordo:meeting:${meetingId}` as const;

/** Live events of the domain (`<domain>:<past-tense>`), each carrying `meetingId`. */
export const MEETING_EVENTS = {
	changed: 'meeting:changed',
	rsvped: 'meeting:rsvped',
	attendanceRecorded: 'meeting:attendance-recorded'
} as const;
