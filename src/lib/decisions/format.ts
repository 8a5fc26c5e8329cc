// One formatter per process: building an Intl formatter per call costs milliseconds per page.
const DATE = new Intl.DateTimeFormat('it-IT', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'Europe/Rome'
});

/** "20 marzo 2026" from a YYYY-MM-DD day or an ISO instant (Rome time). */
export function formatDate(s: string): string {
	return DATE.format(new Date(s.length === 10 ? s + 'T12:00:00Z' : s));
}
