// One formatter per process and locale: building an Intl formatter per call costs milliseconds per page.
const FORMATS = {
	it: new Intl.DateTimeFormat('it-IT', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'Europe/Rome'
	}),
	en: new Intl.DateTimeFormat('en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'Europe/Rome'
	})
};

/** "20 marzo 2026" ("20 March 2026") from a YYYY-MM-DD day or an ISO instant (Rome time). */
export function formatDate(s: string, locale: 'it' | 'en' = 'it'): string {
	return FORMATS[locale].format(new Date(s.length === 10 ? s + 'T12:00:00Z' : s));
}
