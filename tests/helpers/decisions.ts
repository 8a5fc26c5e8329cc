/** Helpers for the register tests: record and publish through the real forms. */
import { Client, UMBRIA } from './http';
import { romeParts } from '../../src/lib/rome';

export const today = () => new Date().toISOString().slice(0, 10);

export function draftFields(over: Record<string, string> = {}): Record<string, string> {
	return {
		title: 'Decisione di prova',
		body: 'Il tavolo decide quanto riportato nel testo di prova.',
		type: 'parere',
		outcome: 'approvata',
		voting: 'consenso',
		visibility: 'pubblica',
		decidedOn: today(),
		...over
	};
}

/** Records a draft with the form action; returns its id (from the redirect). */
export async function record(
	c: Client,
	fields: Record<string, string>,
	slug = UMBRIA
): Promise<number> {
	const res = await c.form(`/tavoli/${slug}/decisioni/nuova`, fields);
	if (res.status !== 303)
		throw new Error(`record failed: ${res.status} ${(await res.text()).slice(0, 400)}`);
	const m = /\/decisioni\/(\d+)$/.exec(res.headers.get('location') ?? '');
	if (!m) throw new Error(`unexpected redirect ${res.headers.get('location')}`);
	return Number(m[1]);
}

/** Publishes a draft with the form action; returns the response and the "n/yyyy" it got. */
export async function publish(
	c: Client,
	id: number,
	slug = UMBRIA
): Promise<{ status: number; html: string; ref: string | null }> {
	const res = await c.form(`/tavoli/${slug}/decisioni/${id}?/publish`, {});
	const html = await res.text();
	const m = /pubblicata con il numero (\d+\/\d{4})/.exec(html);
	return { status: res.status, html, ref: m ? m[1] : null };
}

export async function recordAndPublish(c: Client, fields: Record<string, string>, slug = UMBRIA) {
	const id = await record(c, fields, slug);
	const p = await publish(c, id, slug);
	if (!p.ref) throw new Error(`publish failed: ${p.status} ${p.html.slice(0, 300)}`);
	const [number, year] = p.ref.split('/').map(Number);
	return { id, ref: p.ref, year, number };
}

/** The form fields of a meeting starting in 5 minutes (Rome time), so it can be held now. */
export function soonMeetingFields(title: string): Record<string, string> {
	const at = (minutes: number) => romeParts(new Date(Date.now() + minutes * 60000));
	const s = at(5);
	const e = at(125);
	return {
		title,
		date: s.date,
		startTime: s.time,
		endDate: e.date,
		endTime: e.time,
		modality: 'presenza',
		place: 'Sala riunioni della Regione'
	};
}

/**
 * A convened meeting of the Umbria tavolo starting now, with one agenda item and the given people
 * marked present, built through the meetings forms. Returns the meeting and agenda item ids.
 */
export async function meetingWithAttendance(
	seg: Client,
	title: string,
	present: string[]
): Promise<{ meetingId: number; agendaItemId: number }> {
	const base = `/tavoli/${UMBRIA}/riunioni`;
	const res = await seg.form(`${base}?/create`, soonMeetingFields(title));
	if (res.status !== 303)
		throw new Error(`meeting create: ${res.status} ${(await res.text()).slice(0, 300)}`);
	const meetingId = Number(/\/riunioni\/(\d+)/.exec(res.headers.get('location')!)![1]);
	for (const [action, fields] of [
		['agendaAdd', { title: 'Approvazione del Piano integrato – aggiornamento annuale' }],
		['convene', {}]
	] as const) {
		const r = await seg.form(`${base}/${meetingId}?/${action}`, fields);
		if (r.status !== 200) throw new Error(`${action}: ${r.status}`);
	}
	const state = (await (
		await seg.get(`/api/riunioni/${meetingId}`, { headers: { accept: 'application/json' } })
	).json()) as {
		agenda: { id: number }[];
		byEnte: { people: { userId: number; name: string }[] }[];
	};
	for (const name of present) {
		const person = state.byEnte.flatMap((x) => x.people).find((p) => p.name === name);
		if (!person) throw new Error(`no ${name}`);
		const r = await seg.form(`${base}/${meetingId}?/attendance`, {
			userId: String(person.userId),
			status: 'presente'
		});
		if (r.status !== 200)
			throw new Error(`attendance ${name}: ${r.status} ${(await r.text()).slice(0, 300)}`);
	}
	return { meetingId, agendaItemId: state.agenda[0].id };
}
