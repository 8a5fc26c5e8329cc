/**
 * Europe/Rome wall-clock time ⇄ UTC instants, without a timezone library: the offset comes from
 * Intl, so DST changes (last Sunday of March and October) are handled the way the OS tz data says.
 * Shared by the server (forms, ICS) and the browser (display).
 */
export const TZ = 'Europe/Rome';

const parts = new Intl.DateTimeFormat('en-GB', {
	timeZone: TZ,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

/** Wall-clock fields of an instant in Rome. */
export function romeParts(instant: Date): { date: string; time: string; offsetMinutes: number } {
	const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
	const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
	return {
		date: `${p.year}-${p.month}-${p.day}`,
		time: `${p.hour}:${p.minute}`,
		offsetMinutes: Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000)
	};
}

/**
 * Rome's calendar date ('YYYY-MM-DD') at an instant: "today" for deadlines and "in ritardo".
 * Not the UTC date, which is still yesterday between midnight and 01:00/02:00 in Rome.
 */
export function romeToday(instant: Date = new Date()): string {
	return romeParts(instant).date;
}

/**
 * The UTC instant of a Rome wall-clock date ('YYYY-MM-DD') and time ('HH:MM'), or null when the
 * text is not a real date/time. A time skipped by the spring-forward change resolves to the
 * instant one hour later, as calendar applications do.
 */
export function romeToUtc(date: string, time: string): Date | null {
	const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
	const tm = /^(\d{2}):(\d{2})$/.exec(time ?? '');
	if (!dm || !tm) return null;
	const [y, mo, d, h, mi] = [+dm[1], +dm[2], +dm[3], +tm[1], +tm[2]];
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
	const naive = Date.UTC(y, mo - 1, d, h, mi);
	const check = new Date(naive);
	if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
	// Two passes: the offset at the guess, then at the corrected instant (differs only near a change).
	let t = naive - romeParts(new Date(naive)).offsetMinutes * 60000;
	t = naive - romeParts(new Date(t)).offsetMinutes * 60000;
	return new Date(t);
}

/** "2026-03-29T10:00:00" in Rome, for iCalendar DTSTART;TZID=Europe/Rome. */
export function romeLocalIso(iso: string): string {
	const p = romeParts(new Date(iso));
	return `${p.date}T${p.time}:00`;
}

/**
 * Every date the UI, notifications and e-mails show is formatted here, in Rome time and in the
 * reader's language: "giovedì 12 marzo 2026" / "Thursday 12 March 2026". English uses en-GB
 * (day before month, 24-hour clock), which reads naturally to European officials.
 */
export type DateLocale = 'it' | 'en';
const TAGS: Record<DateLocale, string> = { it: 'it-IT', en: 'en-GB' };
const STYLES = {
	long: {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	},
	time: { hour: '2-digit', minute: '2-digit' },
	date: { day: 'numeric', month: 'long', year: 'numeric' },
	dateTime: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
	short: { dateStyle: 'medium', timeStyle: 'short' },
	day: { day: 'numeric', month: 'short', year: 'numeric' },
	month: { month: 'short', year: 'numeric' }
} satisfies Record<string, Intl.DateTimeFormatOptions>;
type Style = keyof typeof STYLES;

// One formatter per style and language: building an Intl formatter per call costs milliseconds.
const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(style: Style, locale: DateLocale, timeZone = TZ): Intl.DateTimeFormat {
	const k = `${style}|${locale}|${timeZone}`;
	let f = cache.get(k);
	if (!f)
		cache.set(
			k,
			(f = new Intl.DateTimeFormat(TAGS[locale] ?? TAGS.it, { ...STYLES[style], timeZone }))
		);
	return f;
}
const lang = (l: string | undefined): DateLocale => (l === 'en' ? 'en' : 'it');

/** "giovedì 12 marzo 2026, 10:00–12:00" (Rome time). */
export function formatRange(startIso: string, endIso: string, locale: DateLocale = 'it'): string {
	const s = new Date(startIso);
	const e = new Date(endIso);
	const l = lang(locale);
	const sameDay = romeParts(s).date === romeParts(e).date;
	return sameDay
		? `${fmt('long', l).format(s)}–${fmt('time', l).format(e)}`
		: `${fmt('long', l).format(s)} – ${fmt('long', l).format(e)}`;
}

/** "giovedì 12 marzo 2026 alle ore 10:00" / "Thursday 12 March 2026 at 10:00". */
export function formatInstant(iso: string, locale: DateLocale = 'it'): string {
	return fmt('long', lang(locale)).format(new Date(iso));
}

/** "12 marzo 2026, 10:00": an instant without its weekday (versions, documents). */
export function formatDateTime(iso: string, locale: string = 'it'): string {
	return fmt('dateTime', lang(locale)).format(new Date(iso));
}

/** "12 mar 2026, 10:00": compact, for lists (notifications, settings). */
export function formatShort(iso: string, locale: string = 'it'): string {
	return fmt('short', lang(locale)).format(new Date(iso));
}

/**
 * "20 marzo 2026" / "20 March 2026" from an ISO instant (its Rome date) or a YYYY-MM-DD calendar
 * day (taken at noon, so no timezone moves it by a day).
 */
export function formatDate(s: string | number | Date, locale: string = 'it'): string {
	const d = typeof s === 'string' && s.length === 10 ? new Date(s + 'T12:00:00Z') : new Date(s);
	return fmt('date', lang(locale)).format(d);
}

/** 2025-03-01 → "1 mar 2025": a calendar day (plans), formatted in UTC so no zone moves it. */
export function formatDay(ymd: string, locale: string = 'it'): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return ymd || '—';
	return fmt('day', lang(locale), 'UTC').format(new Date(ymd + 'T00:00:00Z'));
}

/** 2025-03 → "mar 2025". */
export function formatMonth(ym: string, locale: string = 'it'): string {
	return fmt('month', lang(locale), 'UTC').format(new Date(ym + '-01T00:00:00Z'));
}
