/**
 * iCalendar output (ical-generator) for riunioni, and subscribable feeds at secret, revocable
 * URLs. A feed token is shown once; only its SHA-256 is stored, like session tokens.
 *
 * Times are written as Europe/Rome wall-clock with TZID and a VTIMEZONE, so calendar clients show
 * the meeting at the right hour on both sides of a DST change. The UID never changes; SEQUENCE
 * grows with every change after convocation, so a rescheduled meeting replaces itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { db, now } from '../../db/index.js';
import type { SessionUser } from '../../auth/session.js';
import { assertCan, can } from '../../policy/index.js';
import { NotFoundError } from '../../errors.js';
import { romeLocalIso, TZ } from '../../../rome.js';
import { open } from '../access.js';

const VTIMEZONE_ROME = [
	'BEGIN:VTIMEZONE',
	'TZID:Europe/Rome',
	'X-LIC-LOCATION:Europe/Rome',
	'BEGIN:DAYLIGHT',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0200',
	'TZNAME:CEST',
	'DTSTART:19700329T020000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'END:DAYLIGHT',
	'BEGIN:STANDARD',
	'TZOFFSETFROM:+0200',
	'TZOFFSETTO:+0100',
	'TZNAME:CET',
	'DTSTART:19701025T030000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'END:STANDARD',
	'END:VTIMEZONE'
].join('\r\n');

interface IcsRow {
	id: number;
	uid: string;
	title: string;
	startsAt: string;
	endsAt: string;
	modality: string;
	place: string;
	videoUrl: string;
	status: string;
	statusReason: string;
	sequence: number;
	updatedAt: string;
	tavoloName: string;
	tavoloSlug: string;
}

const SELECT = `SELECT m.id, m.uid, m.title, m.starts_at AS startsAt, m.ends_at AS endsAt, m.modality, m.place,
	m.video_url AS videoUrl, m.status, m.status_reason AS statusReason, m.sequence, m.updated_at AS updatedAt,
	t.name AS tavoloName, t.slug AS tavoloSlug
	FROM meetings m JOIN tavoli t ON t.id = m.tavolo_id`;

function calendar(name: string, method?: ICalCalendarMethod): ICalCalendar {
	const cal = ical({
		name,
		prodId: { company: 'Raccordo', product: 'riunioni', language: 'IT' },
		ttl: 60 * 60
	});
	// No calendar-wide timezone: with one, ical-generator writes DTSTAMP as local time without 'Z'
	// (RFC 5545 wants UTC). Events carry TZID=Europe/Rome and the generator adds the VTIMEZONE.
	cal.timezone({ name: null, generator: (tz) => (tz === TZ ? VTIMEZONE_ROME : null) });
	cal.x([{ key: 'X-WR-TIMEZONE', value: TZ }]);
	if (method) cal.method(method);
	return cal;
}

function addEvent(cal: ICalCalendar, m: IcsRow): void {
	const agenda = db()
		.prepare('SELECT position, title FROM agenda_items WHERE meeting_id = ? ORDER BY position')
		.all(m.id) as { position: number; title: string }[];
	const origin = process.env.ORIGIN ?? '';
	const url = `${origin}/tavoli/${m.tavoloSlug}/riunioni/${m.id}`;
	const description = [
		m.tavoloName,
		m.status === 'annullata' || m.status === 'rinviata'
			? `${m.status === 'annullata' ? 'Annullata' : 'Rinviata'}: ${m.statusReason}`
			: '',
		agenda.length
			? 'Ordine del giorno:\n' + agenda.map((a) => `${a.position}. ${a.title}`).join('\n')
			: '',
		m.videoUrl ? `Videoconferenza: ${m.videoUrl}` : '',
		origin ? url : ''
	]
		.filter(Boolean)
		.join('\n\n');
	cal.createEvent({
		id: m.uid,
		sequence: m.sequence,
		stamp: new Date(m.updatedAt),
		start: romeLocalIso(m.startsAt),
		end: romeLocalIso(m.endsAt),
		timezone: TZ,
		summary: m.title,
		description,
		location: m.place || m.videoUrl || null,
		url: origin ? url : null,
		status: m.status === 'annullata' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
	});
}

/** The .ics of one meeting (no access check: callers check it; used for e-mail attachments too). */
export function meetingIcs(meetingId: number): string {
	const m = db().prepare(`${SELECT} WHERE m.id = ?`).get(meetingId) as IcsRow | undefined;
	if (!m) throw new NotFoundError('Riunione non trovata');
	const cal = calendar(
		m.tavoloName,
		m.status === 'annullata' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH
	);
	addEvent(cal, m);
	return cal.toString();
}

/** The .ics of one meeting for a signed-in reader. */
export function meetingIcsFor(user: SessionUser | null, meetingId: number): string {
	// The meeting page's own check: hidden, draft and missing meetings are the same 404.
	return meetingIcs(open(user, meetingId).meeting.id);
}

function feedIcs(name: string, tavoloIds: number[]): string {
	const cal = calendar(name);
	if (tavoloIds.length) {
		const rows = db()
			.prepare(
				`${SELECT} WHERE m.tavolo_id IN (${tavoloIds.map(() => '?').join(',')}) AND m.status != 'bozza' ORDER BY m.starts_at`
			)
			.all(...tavoloIds) as IcsRow[];
		for (const r of rows) addEvent(cal, r);
	}
	return cal.toString();
}

// ---------------------------------------------------------------- feeds

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Feed {
	id: number;
	tavoloId: number | null;
	tavoloName: string | null;
	createdAt: string;
}

/** Creates a secret feed (one tavolo, or every tavolo of the user with null). Returns the token once. */
export function createFeed(
	user: SessionUser,
	tavoloId: number | null
): { id: number; token: string } {
	if (tavoloId !== null) assertCan(user, 'meeting.read', { tavoloId });
	const token = randomBytes(24).toString('base64url');
	const id = Number(
		db()
			.prepare('INSERT INTO calendar_feeds (token_hash, user_id, tavolo_id) VALUES (?, ?, ?)')
			.run(hash(token), user.id, tavoloId).lastInsertRowid
	);
	return { id, token };
}

export function listFeeds(user: SessionUser): Feed[] {
	return db()
		.prepare(
			`SELECT f.id, f.tavolo_id AS tavoloId, t.name AS tavoloName, f.created_at AS createdAt FROM calendar_feeds f
			 LEFT JOIN tavoli t ON t.id = f.tavolo_id WHERE f.user_id = ? AND f.revoked_at IS NULL ORDER BY f.id`
		)
		.all(user.id) as Feed[];
}

/** Revokes one of the user's own feeds: its URL stops working at once. */
export function revokeFeed(user: SessionUser, feedId: number): void {
	const res = db()
		.prepare(
			'UPDATE calendar_feeds SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL'
		)
		.run(now(), feedId, user.id);
	if (res.changes === 0) throw new NotFoundError('Calendario non trovato o già revocato');
}

/**
 * The feed behind a secret token, as its owner may read it today (membership is re-checked at
 * every fetch, so leaving a tavolo empties its feed). Unknown and revoked tokens: NotFoundError.
 */
export function feedByToken(token: string): string {
	if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw new NotFoundError('Calendario non trovato');
	const f = db()
		.prepare(
			`SELECT f.user_id AS userId, f.tavolo_id AS tavoloId, u.is_admin AS isAdmin, u.name, u.email FROM calendar_feeds f
			 JOIN users u ON u.id = f.user_id WHERE f.token_hash = ? AND f.revoked_at IS NULL`
		)
		.get(hash(token)) as
		| { userId: number; tavoloId: number | null; isAdmin: number; name: string; email: string }
		| undefined;
	if (!f) throw new NotFoundError('Calendario non trovato o revocato');
	const user: SessionUser = {
		id: f.userId,
		isAdmin: !!f.isAdmin,
		name: f.name,
		email: f.email,
		locale: 'it'
	};
	if (f.tavoloId !== null) {
		const t = db().prepare('SELECT name FROM tavoli WHERE id = ?').get(f.tavoloId) as
			{ name: string } | undefined;
		const ok = t && can(user, 'meeting.read', { tavoloId: f.tavoloId });
		return feedIcs(t?.name ?? 'Raccordo', ok ? [f.tavoloId] : []);
	}
	// The personal feed: the tavoli the person belongs to (not every tavolo, even for an admin).
	const ids = (
		db().prepare('SELECT tavolo_id AS id FROM memberships WHERE user_id = ?').all(f.userId) as {
			id: number;
		}[]
	).map((r) => r.id);
	return feedIcs('Raccordo – le mie riunioni', ids);
}
