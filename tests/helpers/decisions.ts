/** Helpers for the register tests: record and publish through the real forms. */
import { Client, UMBRIA } from './http';

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
export async function record(c: Client, fields: Record<string, string>, slug = UMBRIA): Promise<number> {
	const res = await c.form(`/tavoli/${slug}/decisioni/nuova`, fields);
	if (res.status !== 303) throw new Error(`record failed: ${res.status} ${(await res.text()).slice(0, 400)}`);
	const m = /\/decisioni\/(\d+)$/.exec(res.headers.get('location') ?? '');
	if (!m) throw new Error(`unexpected redirect ${res.headers.get('location')}`);
	return Number(m[1]);
}

/** Publishes a draft with the form action; returns the response and the "n/yyyy" it got. */
export async function publish(c: Client, id: number, slug = UMBRIA): Promise<{ status: number; html: string; ref: string | null }> {
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
