/**
 * What goes out of the riunioni domain: notifications (and e-mails, in each recipient's language)
 * and live socket.io events, `<domain>:<past-tense>`, carrying the ids a page filters on.
 */
import { db } from '../db/index.js';
import { decide } from '../policy/index.js';
import { byId as tavoloById } from '../tavoli/index.js';
import { emitToTavolo } from '../realtime/index.js';
import { notify } from '../notifications/index.js';
import { formatRange } from '../../rome.js';
import { translate, type Locale } from '../../i18n/index.js';
import { MEETING_EVENTS, type MeetingStatus } from '../../meetings/model.js';
import type { MeetingKey } from '../../i18n/meetings.js';
import { meetingIcs } from './calendar/index.js';
import { invitedUserIds, type Meeting } from './rows.js';

/** A translator bound to one recipient language; `locale` lets a message format its dates too. */
export type Tr = ((key: MeetingKey, params?: Record<string, string | number>) => string) & {
	locale: Locale;
};

export const meetingUrl = (m: Pick<Meeting, 'id' | 'tavoloId'>) =>
	`/tavoli/${tavoloById(m.tavoloId).slug}/riunioni/${m.id}`;

/** Italian label of a state, for the server's own (Italian, ADR 002) error messages. */
export const statusLabel = (s: MeetingStatus) => translate('it', `meeting.state.${s}`);

/** When and where, one line: "1 luglio 2027, 10:00–12:00 (ora italiana), in presenza: Perugia". */
export function describe(m: Meeting, t: Tr): string {
	const where = [m.place, m.videoUrl].filter(Boolean).join(' · ');
	return t('meeting.notify.when', {
		range: formatRange(m.startsAt, m.endsAt, t.locale),
		modality: t(`meeting.modality.long.${m.modality}`),
		where: where ? `: ${where}` : ''
	});
}

/** Recipients grouped by the language they chose, so each reads the notification in it. */
function byLocale(userIds: number[]): Map<Locale, number[]> {
	const groups = new Map<Locale, number[]>();
	if (userIds.length === 0) return groups;
	const rows = db()
		.prepare(`SELECT id, locale FROM users WHERE id IN (${userIds.map(() => '?').join(',')})`)
		.all(...userIds) as { id: number; locale: Locale }[];
	for (const r of rows) {
		const l: Locale = r.locale === 'en' ? 'en' : 'it';
		groups.set(l, [...(groups.get(l) ?? []), r.id]);
	}
	return groups;
}

export interface Message {
	kind: string;
	title: (t: Tr) => string;
	body: (t: Tr) => string;
	/** The e-mail: the notification's own ('default'), title + body + link, or that with the .ics. */
	email: 'default' | 'plain' | 'ics';
}

/** Notifies `userIds` (default: every invited person) about `m`, each in their own language. */
export async function tell(m: Meeting, msg: Message, userIds = invitedUserIds(m.tavoloId)) {
	const url = meetingUrl(m);
	const base = process.env.ORIGIN ?? '';
	for (const [locale, ids] of byLocale(userIds)) {
		const t: Tr = Object.assign(
			(key: MeetingKey, params?: Record<string, string | number>) => translate(locale, key, params),
			{ locale }
		);
		const title = msg.title(t);
		const body = msg.body(t);
		await notify(ids, {
			kind: msg.kind,
			tavoloId: m.tavoloId,
			title,
			body,
			url,
			email:
				msg.email === 'default'
					? {}
					: {
							subject: `[Raccordo] ${title}`,
							text: `${title}\n\n${body}\n\n${base}${url}`,
							attachments:
								msg.email === 'ics'
									? [
											{
												filename: 'riunione.ics',
												content: meetingIcs(m.id),
												contentType: 'text/calendar; charset=utf-8; method=REQUEST'
											}
										]
									: undefined
						}
		});
	}
}

/** The meeting changed (state, data, agenda, verbale): `event` says which. */
export function announce(m: Meeting, event: string): void {
	void emitToTavolo(
		m.tavoloId,
		MEETING_EVENTS.changed,
		{ meetingId: m.id, event, status: m.status },
		(u, ms) =>
			// A draft is the segreteria's until it is convened.
			m.status === 'bozza' ? decide(u, ms, 'meeting.manage', { tavoloId: m.tavoloId }) : true
	);
}

export function announceRsvp(m: Meeting, userId: number): void {
	void emitToTavolo(m.tavoloId, MEETING_EVENTS.rsvped, { meetingId: m.id, userId });
}

export function announceAttendance(m: Meeting, userId: number): void {
	void emitToTavolo(m.tavoloId, MEETING_EVENTS.attendanceRecorded, { meetingId: m.id, userId });
}
