/**
 * Issue 11, existence oracle: a meeting (sequential id) or a document the viewer may not read
 * answers exactly like one that does not exist — same status, same body byte for byte — on the
 * pages, their __data.json, the .ics and the JSON API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type TestServer } from '../helpers/server';
import { CAGLIARI, Client, DEMO, UMBRIA, signedIn } from '../helpers/http';
import { dataUrl } from '../helpers/routes';

let server: TestServer;
const rows = {
	meetingCagliari: 0,
	meetingUmbria: 0,
	bozzaUmbria: 0,
	docCagliari: '',
	docUmbria: ''
};
const MISSING_MEETING = 987654;
const MISSING_DOC = 'AAAAAAAAAAAAAAAAAAAAAA';

beforeAll(async () => {
	server = await startServer();
	const d = new Database(server.dbPath);
	try {
		const tavolo = (slug: string) =>
			(d.prepare('SELECT id FROM tavoli WHERE slug = ?').get(slug) as { id: number }).id;
		const meeting = (tavoloId: number, status: string) =>
			Number(
				d
					.prepare(
						`INSERT INTO meetings (tavolo_id, uid, title, starts_at, ends_at, modality, status)
						 VALUES (?, ?, 'Riunione di prova', ?, ?, 'online', ?)`
					)
					.run(
						tavoloId,
						`oracle-${tavoloId}-${status}@test`,
						new Date(Date.now() + 86400e3).toISOString(),
						new Date(Date.now() + 90000e3).toISOString(),
						status
					).lastInsertRowid
			);
		const doc = (tavoloId: number, id: string) => {
			d.prepare("INSERT INTO documents (id, tavolo_id, kind, title) VALUES (?, ?, 'nota', ?)").run(
				id,
				tavoloId,
				'Nota di prova'
			);
			return id;
		};
		rows.meetingCagliari = meeting(tavolo(CAGLIARI), 'convocata');
		rows.meetingUmbria = meeting(tavolo(UMBRIA), 'convocata');
		rows.bozzaUmbria = meeting(tavolo(UMBRIA), 'bozza');
		rows.docCagliari = doc(tavolo(CAGLIARI), 'CagliariNotaDiProva001');
		rows.docUmbria = doc(tavolo(UMBRIA), 'UmbriaNotaDiProva00001');
	} finally {
		d.close();
	}
}, 60_000);
afterAll(() => server?.stop());

// The page echoes its own address (language switch, `next` of sign-in): only that may differ.
async function answer(c: Client, path: string, id: string) {
	const res = await c.get(path, {
		headers: { accept: path.includes('/api/') ? 'application/json' : 'text/html' }
	});
	const body = (await res.text())
		.replace(/nonce="[^"]*"/g, '')
		// Only where the id is part of an address: a short numeric id occurs in CSS classes too.
		.replace(new RegExp(`(riunioni|riunione-|documenti)(/|%2F)?${id}\\b`, 'g'), '$1$2ID');
	return { status: res.status, body };
}

/** Addresses of a meeting id under a tavolo's slug. */
const meetingPaths = (slug: string, id: string) => [
	`/tavoli/${slug}/riunioni/${id}`,
	dataUrl(`/tavoli/${slug}/riunioni/${id}`),
	`/riunioni/${id}.ics`,
	`/api/riunioni/${id}`
];
const documentPaths = (slug: string, id: string) => [
	`/tavoli/${slug}/documenti/${id}`,
	dataUrl(`/tavoli/${slug}/documenti/${id}`),
	`/tavoli/${slug}/documenti/${id}/versioni/1`,
	dataUrl(`/tavoli/${slug}/documenti/${id}/versioni/1`)
];

async function expectAlike(
	c: Client,
	who: string,
	paths: (id: string) => string[],
	hidden: string,
	missing: string
) {
	const h = paths(hidden);
	const m = paths(missing);
	for (let i = 0; i < h.length; i++) {
		const a = await answer(c, h[i], hidden);
		const b = await answer(c, m[i], missing);
		// __data.json tells a redirect or an error in its body, with status 200.
		expect([200, 303, 401, 403, 404], `${who} ${m[i]}`).toContain(b.status);
		if (b.status === 200) expect(b.body, m[i]).toMatch(/"type":"(redirect|error)"/);
		expect(a, `${who}: ${h[i]} vs ${m[i]}`).toEqual(b);
	}
}

describe('hidden and missing meetings and documents answer alike', () => {
	const people = {
		anonymous: null,
		outsider: DEMO.outsider, // segreteria of Cagliari only: Umbria's rows are hidden
		altroComponente: DEMO.outsiderComponente,
		componente: DEMO.componente, // Umbria only: Cagliari's rows are hidden
		segreteria: DEMO.segreteria
	} as const;

	for (const [who, email] of Object.entries(people))
		it(`as ${who}`, async () => {
			const c = email ? await signedIn(server.url, email) : new Client(server.url);
			const umbriaReader = who === 'componente' || who === 'segreteria';
			const cagliariReader = who === 'outsider' || who === 'altroComponente';
			for (const slug of [UMBRIA, CAGLIARI]) {
				const mp = (id: string) => meetingPaths(slug, id);
				const dp = (id: string) => documentPaths(slug, id);
				if (!cagliariReader) {
					await expectAlike(c, who, mp, String(rows.meetingCagliari), String(MISSING_MEETING));
					await expectAlike(c, who, dp, rows.docCagliari, MISSING_DOC);
				}
				if (!umbriaReader) {
					await expectAlike(c, who, mp, String(rows.meetingUmbria), String(MISSING_MEETING));
					await expectAlike(c, who, dp, rows.docUmbria, MISSING_DOC);
				}
				// A bozza is the segreteria's: to a componente it does not exist.
				if (who === 'componente')
					await expectAlike(c, who, mp, String(rows.bozzaUmbria), String(MISSING_MEETING));
			}
		});

	it('takes about as long to refuse a hidden meeting as a missing one', async () => {
		const c = await signedIn(server.url, DEMO.componente);
		const median = async (path: string) => {
			const times: number[] = [];
			for (let i = 0; i < 15; i++) {
				const t = performance.now();
				await (await c.get(path, { headers: { accept: 'application/json' } })).text();
				times.push(performance.now() - t);
			}
			return times.sort((a, b) => a - b)[7];
		};
		const hidden = await median(`/api/riunioni/${rows.meetingCagliari}`);
		const missing = await median(`/api/riunioni/${MISSING_MEETING}`);
		// Both read one row and stop; generous bounds for a shared, loaded test machine.
		expect(Math.abs(hidden - missing)).toBeLessThan(Math.max(25, missing));
	});

	it('the readers do get them (the pairs above are not both missing)', async () => {
		const c = await signedIn(server.url, DEMO.componente);
		expect((await c.get(`/tavoli/${UMBRIA}/riunioni/${rows.meetingUmbria}`)).status).toBe(200);
		expect((await c.get(`/riunioni/${rows.meetingUmbria}.ics`)).status).toBe(200);
		expect(
			(
				await c.get(`/api/riunioni/${rows.meetingUmbria}`, {
					headers: { accept: 'application/json' }
				})
			).status
		).toBe(200);
		expect((await c.get(`/tavoli/${UMBRIA}/documenti/${rows.docUmbria}`)).status).toBe(200);
	});
});
