import type { ActionRow } from './projection.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const day = (s: string) => Date.parse(s + 'T00:00:00Z') / 86_400_000;

export interface TimelineBar {
	row: ActionRow;
	left: number; // percent
	width: number; // percent
}

/** Months spanning every dated action and today; bars as percentages of that span. */
export function timeline(rows: ActionRow[], today: string) {
	const dated = rows.filter((r) => ISO.test(r.inizio) && ISO.test(r.fine) && r.fine >= r.inizio);
	const undated = rows.filter((r) => !dated.includes(r));
	const starts = [...dated.map((r) => r.inizio), today].sort();
	const ends = [...dated.map((r) => r.fine), today].sort();
	const first = starts[0].slice(0, 7) + '-01';
	const lastEnd = new Date(ends[ends.length - 1] + 'T00:00:00Z');
	const after = new Date(Date.UTC(lastEnd.getUTCFullYear(), lastEnd.getUTCMonth() + 1, 1))
		.toISOString()
		.slice(0, 10);
	const months: { ym: string; left: number; width: number }[] = [];
	const span = day(after) - day(first);
	for (
		let d = new Date(first + 'T00:00:00Z');
		d.toISOString().slice(0, 10) < after;
		d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
	) {
		const s = d.toISOString().slice(0, 10);
		const e = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
			.toISOString()
			.slice(0, 10);
		months.push({
			ym: s.slice(0, 7),
			left: ((day(s) - day(first)) / span) * 100,
			width: ((day(e) - day(s)) / span) * 100
		});
	}
	const bars: TimelineBar[] = dated.map((row) => ({
		row,
		left: ((day(row.inizio) - day(first)) / span) * 100,
		width: Math.max(0.8, ((day(row.fine) + 1 - day(row.inizio)) / span) * 100)
	}));
	return { months, bars, undated, todayLeft: ((day(today) - day(first)) / span) * 100 };
}
