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

const longFmt = new Intl.DateTimeFormat('it-IT', {
	timeZone: TZ,
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
});
const timeFmt = new Intl.DateTimeFormat('it-IT', {
	timeZone: TZ,
	hour: '2-digit',
	minute: '2-digit'
});

/** "giovedì 12 marzo 2026, 10:00–12:00" (Rome time). */
export function formatRange(startIso: string, endIso: string): string {
	const s = new Date(startIso);
	const e = new Date(endIso);
	const sameDay = romeParts(s).date === romeParts(e).date;
	return sameDay
		? `${longFmt.format(s)}–${timeFmt.format(e)}`
		: `${longFmt.format(s)} – ${longFmt.format(e)}`;
}

export function formatInstant(iso: string): string {
	return longFmt.format(new Date(iso));
}
