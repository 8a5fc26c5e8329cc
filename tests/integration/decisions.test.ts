import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { startServer, type TestServer } from '../helpers/server';
import { CAGLIARI, Client, DEMO, UMBRIA, signedIn } from '../helpers/http';
import {
	draftFields,
	meetingWithAttendance,
	publish,
	record,
	recordAndPublish
} from '../helpers/decisions';

let server: TestServer;
let seg: Client;
beforeAll(async () => {
	server = await startServer();
	seg = await signedIn(server.url, DEMO.segreteria);
});
afterAll(() => server?.stop());

function rows<T>(sql: string, ...args: unknown[]): T[] {
	const d = new Database(server.dbPath, { readonly: true });
	try {
		return d.prepare(sql).all(...args) as T[];
	} finally {
		d.close();
	}
}

describe('recording and publishing', () => {
	it('records a draft with votes per ente, publishes it with the next number of the year, and shows it', async () => {
		const enti = rows<{ id: number }>(
			"SELECT DISTINCT m.ente_id AS id FROM memberships m JOIN tavoli t ON t.id = m.tavolo_id WHERE t.slug = ? AND m.role = 'componente' ORDER BY m.ente_id",
			UMBRIA
		);
		const id = await record(
			seg,
			draftFields({
				title: 'Parere sul calendario dei tirocini',
				voting: 'voti',
				[`vote_${enti[0].id}`]: 'favorevole',
				[`vote_${enti[1].id}`]: 'contrario',
				[`vote_${enti[2].id}`]: 'astenuto'
			})
		);
		const before = rows<{ n: number }>(
			'SELECT COALESCE(MAX(number), 0) AS n FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE t.slug = ? AND year = ?',
			UMBRIA,
			new Date().getFullYear()
		)[0].n;
		const p = await publish(seg, id);
		expect(p.status).toBe(200);
		expect(p.ref).toBe(`${before + 1}/${new Date().getFullYear()}`);
		const page = await (await seg.get(`/tavoli/${UMBRIA}/decisioni/${id}`)).text();
		expect(page).toContain('Parere sul calendario dei tirocini');
		expect(page).toMatch(/Favorevole[\s\S]*Contrario[\s\S]*Astenuto/);
	});

	it('refuses bad input with Italian field messages and keeps what was typed', async () => {
		const res = await seg.form(
			`/tavoli/${UMBRIA}/decisioni/nuova`,
			draftFields({
				title: 'Ok titolo',
				body: 'corto',
				type: 'sconosciuto',
				decidedOn: '2026-02-30'
			})
		);
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Scrivi il testo della decisione (almeno 10 caratteri)');
		expect(html).toContain('Scegli il tipo di decisione');
		expect(html).toContain('Data non valida');
		expect(html).toContain('value="Ok titolo"');
	});

	it('refuses a vote from an ente that is not present', async () => {
		const foreign = rows<{ id: number }>(
			"SELECT id FROM enti WHERE name = 'Prefettura di Cagliari'"
		)[0].id;
		const count = rows<{ n: number }>('SELECT COUNT(*) AS n FROM decisions')[0].n;
		const res = await seg.form(
			`/tavoli/${UMBRIA}/decisioni/nuova`,
			draftFields({ voting: 'voti', [`vote_${foreign}`]: 'favorevole' })
		);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain(
			'Prefettura di Cagliari non è tra gli enti presenti: il suo voto non può essere registrato'
		);
		expect(rows<{ n: number }>('SELECT COUNT(*) AS n FROM decisions')[0].n).toBe(count);
	});

	it('at a meeting, only the enti present vote; the decision keeps its agenda item', async () => {
		const { meetingId, agendaItemId } = await meetingWithAttendance(
			seg,
			'Seduta per le decisioni',
			['Marco Bellini', 'Elena Marchi']
		);
		const ente = (name: string) =>
			rows<{ id: number }>('SELECT id FROM enti WHERE name = ?', name)[0].id;
		const prefettura = ente('Prefettura di Perugia – Sportello Unico per l’Immigrazione');
		const comune = ente('Comune di Perugia');
		const itl = ente('Ispettorato Territoriale del Lavoro di Perugia');
		const form = await (
			await seg.get(`/tavoli/${UMBRIA}/decisioni/nuova?riunione=${meetingId}&punto=${agendaItemId}`)
		).text();
		expect(form).toContain('2 presenti');
		expect(form).toContain(`name="vote_${prefettura}"`);
		expect(form).not.toContain(`name="vote_${itl}"`);
		const fields = draftFields({
			title: 'Aggiornamento del Piano integrato',
			voting: 'voti',
			meetingId: String(meetingId),
			agendaItemId: String(agendaItemId),
			[`vote_${prefettura}`]: 'favorevole'
		});
		const absent = await seg.form(`/tavoli/${UMBRIA}/decisioni/nuova`, {
			...fields,
			[`vote_${itl}`]: 'contrario'
		});
		expect(absent.status).toBe(400);
		expect(await absent.text()).toContain(
			'Ispettorato Territoriale del Lavoro di Perugia non è tra gli enti presenti'
		);
		const id = await record(seg, { ...fields, [`vote_${comune}`]: 'astenuto' });
		expect(
			rows<{ meeting_id: number; agenda_item_id: number }>(
				'SELECT meeting_id, agenda_item_id FROM decisions WHERE id = ?',
				id
			)[0]
		).toEqual({ meeting_id: meetingId, agenda_item_id: agendaItemId });
		const wrongItem = await seg.form(`/tavoli/${UMBRIA}/decisioni/nuova`, {
			...fields,
			agendaItemId: '999999'
		});
		expect(wrongItem.status).toBe(400);
		expect(await wrongItem.text()).toContain(
			'Il punto non è nell’ordine del giorno di questa riunione'
		);
		expect((await publish(seg, id)).ref).toMatch(/^\d+\/\d{4}$/);
	});

	it('re-checks the votes against attendance at publication: a correction after the draft blocks it, clearly', async () => {
		const { meetingId, agendaItemId } = await meetingWithAttendance(
			seg,
			'Seduta con rettifica presenze',
			['Marco Bellini', 'Elena Marchi']
		);
		const state = (await (
			await seg.get(`/api/riunioni/${meetingId}`, { headers: { accept: 'application/json' } })
		).json()) as { byEnte: { enteId: number; people: { userId: number; name: string }[] }[] };
		const marco = state.byEnte.find((x) => x.people.some((p) => p.name === 'Marco Bellini'))!;
		const id = await record(
			seg,
			draftFields({
				title: 'Calendario dei tavoli territoriali',
				voting: 'voti',
				meetingId: String(meetingId),
				agendaItemId: String(agendaItemId),
				[`vote_${marco.enteId}`]: 'favorevole'
			})
		);
		// The segreteria corrects the attendance: Marco's ente was not there after all.
		const userId = marco.people.find((p) => p.name === 'Marco Bellini')!.userId;
		const corrected = await seg.form(`/tavoli/${UMBRIA}/riunioni/${meetingId}?/attendance`, {
			userId: String(userId),
			status: 'assente'
		});
		expect(corrected.status).toBe(200);
		const refused = await publish(seg, id);
		expect(refused.status).toBe(400);
		expect(refused.ref).toBeNull();
		// Shown beside the publish button (not only carried in the page data).
		expect(refused.html).toMatch(
			/data-testid="publish-error"[^>]*>Le presenze della riunione sono cambiate dopo la bozza/
		);
		expect(refused.html).toContain('non risulta più presente');
		expect(
			rows<{ status: string; number: number | null }>(
				'SELECT status, number FROM decisions WHERE id = ?',
				id
			)[0]
		).toEqual({ status: 'bozza', number: null });
		// Back present (the correction was itself a mistake): it publishes.
		await seg.form(`/tavoli/${UMBRIA}/riunioni/${meetingId}?/attendance`, {
			userId: String(userId),
			status: 'presente'
		});
		expect((await publish(seg, id)).ref).toMatch(/^\d+\/\d{4}$/);
	});

	it('attaches a saved document version by picking it: title and SHA-256 come from the version itself', async () => {
		const form = await (await seg.get(`/tavoli/${UMBRIA}/decisioni/nuova`)).text();
		const pick = /<option value="([\w-]+:\d+)"/.exec(form)?.[1];
		expect(pick, 'the demo has a saved version').toBeTruthy();
		const [docId, versionId] = pick!.split(':');
		const version = rows<{ hash: string }>(
			'SELECT hash FROM document_versions WHERE id = ? AND document_id = ?',
			Number(versionId),
			docId
		)[0];
		const id = await record(
			seg,
			draftFields({
				title: 'Decisione con allegato',
				att_pick_0: pick!,
				att_sha256_0: '0'.repeat(64)
			})
		);
		const att = rows<{ document_id: string; version_id: number; sha256: string }>(
			'SELECT document_id, version_id, sha256 FROM decision_attachments WHERE decision_id = ?',
			id
		);
		expect(att).toEqual([
			{ document_id: docId, version_id: Number(versionId), sha256: version.hash }
		]);
		// A version id that does not belong to a document of this tavolo is refused.
		const forged = await seg.form(
			`/tavoli/${UMBRIA}/decisioni/nuova`,
			draftFields({ att_pick_0: `${docId}:999999` })
		);
		expect(forged.status).toBe(400);
		expect(await forged.text()).toContain('Versione del documento non trovata in questo tavolo');
	});

	it('refuses publishing twice, clearly, and keeps the number', async () => {
		const { id, ref } = await recordAndPublish(
			seg,
			draftFields({ title: 'Decisione da pubblicare una volta' })
		);
		const again = await publish(seg, id);
		expect(again.status).toBe(409);
		expect(again.html).toContain(
			`La decisione è già pubblicata con il numero ${ref}: non si pubblica due volte`
		);
		const edit = await seg.form(
			`/tavoli/${UMBRIA}/decisioni/${id}?/edit`,
			draftFields({ title: 'Titolo cambiato' })
		);
		expect(edit.status).toBe(409);
		expect(await edit.text()).toContain('è già pubblicata e non si può modificare');
		expect(rows<{ title: string }>('SELECT title FROM decisions WHERE id = ?', id)[0].title).toBe(
			'Decisione da pubblicare una volta'
		);
	});

	it('an osservatore and a componente cannot record or publish', async () => {
		const id = await record(
			seg,
			draftFields({ title: 'Bozza della segreteria', visibility: 'osservatori' })
		);
		for (const email of [DEMO.osservatore, DEMO.componente]) {
			const c = await signedIn(server.url, email);
			expect((await c.form(`/tavoli/${UMBRIA}/decisioni/nuova`, draftFields())).status).toBe(403);
			// A draft is not even visible to them.
			expect((await c.form(`/tavoli/${UMBRIA}/decisioni/${id}?/publish`, {})).status).toBe(404);
		}
		expect(
			rows<{ status: string }>('SELECT status FROM decisions WHERE id = ?', id)[0].status
		).toBe('bozza');
	});

	it('a rettifica links both ways and the old decision stays unchanged', async () => {
		const old = await recordAndPublish(
			seg,
			draftFields({ title: 'Decisione con un errore di data' })
		);
		const fix = await recordAndPublish(
			seg,
			draftFields({ title: 'Rettifica della data', rettificaOf: String(old.id) })
		);
		const oldPage = await (
			await fetch(`${server.url}/registro/${UMBRIA}/${old.year}/${old.number}`)
		).text();
		expect(oldPage).toContain('Rettificata da');
		expect(oldPage).toContain(`>${fix.ref}</a>`);
		const newPage = await (
			await fetch(`${server.url}/registro/${UMBRIA}/${fix.year}/${fix.number}`)
		).text();
		expect(newPage).toContain(`rettifica la decisione ${old.ref}`);
	});

	it('records the albo pretorio reference once, after publication', async () => {
		const d = await recordAndPublish(
			seg,
			draftFields({ title: 'Decisione da pubblicare all’albo' })
		);
		const bad = await seg.form(`/tavoli/${UMBRIA}/decisioni/${d.id}?/albo`, {
			alboEnte: 'Comune di Perugia',
			alboNumber: '12',
			alboDate: '2026-13-01',
			alboUrl: 'javascript:alert(1)'
		});
		expect(bad.status).toBe(400);
		const badHtml = await bad.text();
		expect(badHtml).toContain('Indica un indirizzo web che inizi con https://');
		const ok = await seg.form(`/tavoli/${UMBRIA}/decisioni/${d.id}?/albo`, {
			alboEnte: 'Comune di Perugia',
			alboNumber: '1234/2026',
			alboDate: '2026-03-02',
			alboUrl: 'https://albo.comune.perugia.it/atto/1234'
		});
		expect(ok.status).toBe(200);
		const twice = await seg.form(`/tavoli/${UMBRIA}/decisioni/${d.id}?/albo`, {
			alboEnte: 'Comune di Perugia',
			alboNumber: '9',
			alboDate: '2026-03-02',
			alboUrl: 'https://x.example/9'
		});
		expect(twice.status).toBe(409);
		const page = await (
			await fetch(`${server.url}/registro/${UMBRIA}/${d.year}/${d.number}`)
		).text();
		expect(page).toContain('https://albo.comune.perugia.it/atto/1234');
	});

	it('refuses a public decision on a tavolo that is not public', async () => {
		const cag = await signedIn(server.url, DEMO.outsider); // segreteria of Cagliari
		const res = await cag.form(
			`/tavoli/${CAGLIARI}/decisioni/nuova`,
			draftFields({ visibility: 'pubblica' })
		);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Il tavolo non è pubblico');
	});

	it('the database itself refuses to change or delete a published decision', async () => {
		const d = await recordAndPublish(seg, draftFields({ title: 'Decisione immutabile' }));
		const raw = new Database(server.dbPath);
		try {
			expect(() =>
				raw.prepare('UPDATE decisions SET title = ? WHERE id = ?').run('Alterata', d.id)
			).toThrow(/non modificabile/);
			expect(() => raw.prepare('DELETE FROM decisions WHERE id = ?').run(d.id)).toThrow(
				/non eliminabile/
			);
			expect(() =>
				raw.prepare('DELETE FROM decision_votes WHERE decision_id = ?').run(d.id)
			).not.toThrow(); // no votes: nothing to delete
			expect(() =>
				raw
					.prepare(
						"INSERT INTO decision_attachments (decision_id, position, title, sha256) VALUES (?, 1, 'x', ?)"
					)
					.run(d.id, 'a'.repeat(64))
			).toThrow(/allegati non modificabili/);
		} finally {
			raw.close();
		}
	});
});

describe('bad input on the public register', () => {
	it('answers 400 with the reason for unknown filters and malformed values, 404 for unknown decisions', async () => {
		const cases: [string, RegExp][] = [
			['/registro?colore=blu', /Filtro sconosciuto «colore»/],
			['/registro?anno=20x6', /Anno non valido: «20x6»/],
			['/registro?tipo=decreto', /Tipo non valido: «decreto»/],
			['/registro?esito=forse', /Esito non valido/],
			['/registro?pagina=0', /Pagina non valida/],
			['/registro.csv?anno=1', /Anno non valido/]
		];
		for (const [path, reason] of cases) {
			const res = await fetch(server.url + path);
			expect(res.status, path).toBe(400);
			expect(await res.text(), path).toMatch(reason);
		}
		const json = await fetch(`${server.url}/registro.json?per_pagina=5000`);
		expect(json.status).toBe(400);
		expect((await json.json()).errore).toMatch(/per_pagina deve essere tra 1 e 1000/);
		expect((await fetch(`${server.url}/registro/${UMBRIA}/2026/9999`)).status).toBe(404);
		expect((await fetch(`${server.url}/registro/tavolo-inesistente/2026/1`)).status).toBe(404);
		expect((await fetch(`${server.url}/registro/tavolo-inesistente/feed.atom`)).status).toBe(404);
		expect((await fetch(`${server.url}/registro/${CAGLIARI}/feed.atom`)).status).toBe(404);
		expect((await seg.get(`/tavoli/${UMBRIA}/decisioni/999999`)).status).toBe(404);
		expect((await seg.get(`/tavoli/${UMBRIA}/decisioni?anno=abc`)).status).toBe(400);
		// FTS syntax in the search box is text, not a query language.
		expect(
			(await fetch(`${server.url}/registro?q=${encodeURIComponent('"a" OR NEAR(x*')}`)).status
		).toBe(200);
	});
});

describe('visibility matrix', () => {
	const VIS = ['riservata', 'membri', 'osservatori', 'pubblica'] as const;
	const made: Record<string, { id: number; year: number; number: number; title: string }> = {};
	const WORD = 'matricedivisibilita';
	beforeAll(async () => {
		for (const v of VIS) {
			const title = `Decisione matrice ${v} ${WORD}`;
			const d = await recordAndPublish(
				seg,
				draftFields({
					title,
					body: `Testo della decisione ${WORD} con visibilità ${v}.`,
					visibility: v
				})
			);
			made[v] = { ...d, title };
		}
	});

	const READERS: Record<string, (typeof VIS)[number][]> = {
		anonymous: ['pubblica'],
		outsider: ['pubblica'],
		osservatore: ['osservatori', 'pubblica'],
		componente: ['membri', 'osservatori', 'pubblica'],
		segreteria: ['riservata', 'membri', 'osservatori', 'pubblica']
	};
	const clientFor = async (who: string) =>
		who === 'anonymous'
			? new Client(server.url)
			: signedIn(server.url, DEMO[who as keyof typeof DEMO]);

	for (const who of Object.keys(READERS)) {
		it(`${who}: public outputs show only the public decision (pages, search, counts, Atom, JSON, CSV)`, async () => {
			const c = await clientFor(who);
			const outputs: Record<string, string> = {
				list: await (await c.get('/registro')).text(),
				search: await (await c.get(`/registro?q=${WORD}`)).text(),
				atom: await (await c.get('/registro.atom')).text(),
				tavoloAtom: await (await c.get(`/registro/${UMBRIA}/feed.atom`)).text(),
				json: await (await c.get(`/registro.json?q=${WORD}`)).text(),
				csv: await (await c.get(`/registro.csv?q=${WORD}`)).text(),
				verifica: await (await c.get('/registro/verifica')).text()
			};
			for (const [name, body] of Object.entries(outputs)) {
				if (name !== 'verifica') expect(body, `${who} ${name}`).toContain(made.pubblica.title);
				for (const v of ['riservata', 'membri', 'osservatori'] as const)
					expect(body, `${who} ${name} ${v}`).not.toContain(made[v].title);
			}
			expect(outputs.search).toContain('1 decisione trovata');
			expect(JSON.parse(outputs.json).totale).toBe(1);
			expect(parseCsv(outputs.csv, { columns: true, bom: true })).toHaveLength(1);
			// The citable URL answers only for the public one; the others are the same 404 as a missing one.
			for (const v of VIS) {
				const res = await c.get(`/registro/${UMBRIA}/${made[v].year}/${made[v].number}`);
				expect(res.status, `${who} citable ${v}`).toBe(v === 'pubblica' ? 200 : 404);
			}
			// The public verification page counts only public decisions.
			const publicCount = JSON.parse(
				await (await c.get('/registro.json?per_pagina=1000')).text()
			).totale;
			expect(outputs.verifica).toContain(`${publicCount} decisioni pubbliche verificate`);
		});

		it(`${who}: in-app list, search and detail show exactly what the role may read`, async () => {
			const c = await clientFor(who);
			const list = await c.get(`/tavoli/${UMBRIA}/decisioni?q=${WORD}`);
			if (who === 'anonymous') {
				expect(list.status).toBe(303);
				expect(list.headers.get('location')).toMatch(/^\/login/);
				return;
			}
			expect(list.status).toBe(200);
			const html = await list.text();
			for (const v of VIS) {
				const readable = READERS[who].includes(v);
				expect(html.includes(made[v].title), `${who} list ${v}`).toBe(readable);
				const detail = await c.get(`/tavoli/${UMBRIA}/decisioni/${made[v].id}`);
				expect(detail.status, `${who} detail ${v}`).toBe(readable ? 200 : 404);
			}
		});
	}

	it('the in-app list of a non-public tavolo is a 404 for an outsider', async () => {
		const c = await signedIn(server.url, DEMO.componente);
		expect((await c.get(`/tavoli/${CAGLIARI}/decisioni`)).status).toBe(404);
	});
});

const text = (x: unknown): string =>
	typeof x === 'object' && x ? String((x as Record<string, unknown>)['#text']) : String(x);

describe('feeds and open data', () => {
	it('serves valid Atom feeds that parse back with the entries', async () => {
		const parser = new XMLParser({ ignoreAttributes: false });
		for (const path of ['/registro.atom', `/registro/${UMBRIA}/feed.atom`]) {
			const res = await fetch(server.url + path);
			expect(res.headers.get('content-type')).toContain('application/atom+xml');
			const xml = await res.text();
			expect(XMLValidator.validate(xml)).toBe(true);
			const feed = parser.parse(xml).feed;
			expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
			const entries = [feed.entry].flat();
			expect(entries.length).toBeGreaterThan(2);
			for (const e of entries) {
				expect(e.id).toMatch(new RegExp(`/registro/${UMBRIA}/\\d{4}/\\d+$`));
				expect(text(e.title)).toMatch(/^\d+\/\d{4} – /);
				expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
			}
			expect(entries.some((e) => text(e.title).includes('Approvazione del Piano integrato'))).toBe(
				true
			);
		}
	});

	it('serves CSV with the documented columns, parsed back with csv-parse', async () => {
		const res = await fetch(`${server.url}/registro.csv`);
		expect(res.headers.get('content-type')).toContain('text/csv');
		const records = parseCsv(await res.text(), { columns: true, bom: true }) as Record<
			string,
			string
		>[];
		const COLUMNS = [
			'numero',
			'anno',
			'progressivo',
			'tavolo',
			'tavolo_nome',
			'regione',
			'titolo',
			'testo',
			'tipo',
			'esito',
			'votazione',
			'voti',
			'allegati',
			'data_decisione',
			'data_pubblicazione',
			'rettifica',
			'rettificata_da',
			'albo_url',
			'hash_precedente',
			'hash',
			'url'
		];
		expect(Object.keys(records[0])).toEqual(COLUMNS);
		const piano = records.find((r) => r.titolo.startsWith('Approvazione del Piano integrato'))!;
		expect(piano.numero).toMatch(/^\d+\/2025$/);
		expect(piano.voti).toContain(
			'Prefettura di Perugia – Sportello Unico per l’Immigrazione: favorevole'
		);
		expect(piano.allegati).toMatch(/sha256:[0-9a-f]{64}/);
		expect(piano.albo_url).toBe('https://www.regione.umbria.it/albo-pretorio');
		expect(piano.hash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('carries ETag and Cache-Control and answers 304 to If-None-Match until something changes', async () => {
		for (const path of ['/registro', '/registro.json', '/registro.atom', '/registro?anno=2026']) {
			const first = await fetch(server.url + path);
			const etag = first.headers.get('etag');
			expect(etag, path).toBeTruthy();
			expect(first.headers.get('cache-control')).toContain('must-revalidate');
			const again = await fetch(server.url + path, { headers: { 'if-none-match': etag! } });
			expect(again.status, path).toBe(304);
		}
		// A repeated request is served from memory, precompressed when the client accepts gzip.
		const plain = await (
			await fetch(`${server.url}/registro.csv`, { headers: { 'accept-encoding': 'identity' } })
		).text();
		const zipped = await fetch(`${server.url}/registro.csv`, {
			headers: { 'accept-encoding': 'gzip' }
		});
		expect(zipped.headers.get('content-encoding')).toBe('gzip');
		expect(await zipped.text()).toBe(plain);
		const etag = (await fetch(`${server.url}/registro.json`)).headers.get('etag')!;
		await recordAndPublish(seg, draftFields({ title: 'Una nuova decisione cambia l’ETag' }));
		const after = await fetch(`${server.url}/registro.json`, {
			headers: { 'if-none-match': etag }
		});
		expect(after.status).toBe(200);
		expect(await after.text()).toContain('Una nuova decisione cambia l’ETag');
	});
});

describe('followers', () => {
	it('notifies followers who may read a new decision, and nobody else', async () => {
		const obs = await signedIn(server.url, DEMO.osservatore);
		const comp = await signedIn(server.url, DEMO.componente2);
		expect((await comp.form(`/tavoli/${UMBRIA}/decisioni?/follow`, {})).status).toBe(200);
		// The osservatore follows Umbria in the demo; make sure following is idempotent.
		expect((await obs.form(`/tavoli/${UMBRIA}/decisioni?/follow`, {})).status).toBe(200);
		const members = await recordAndPublish(
			seg,
			draftFields({ title: 'Notifica solo ai componenti', visibility: 'membri' })
		);
		const observers = await recordAndPublish(
			seg,
			draftFields({ title: 'Notifica anche agli osservatori', visibility: 'osservatori' })
		);
		const titles = async (c: Client) =>
			(
				(await (await c.get('/api/notifiche')).json()) as { notifications: { title: string }[] }
			).notifications.map((n) => n.title);
		const o = await titles(obs);
		const p = await titles(comp);
		expect(o).toContain(`Decisione ${observers.ref} pubblicata: Notifica anche agli osservatori`);
		expect(o.some((t) => t.includes('Notifica solo ai componenti'))).toBe(false);
		expect(p).toContain(`Decisione ${members.ref} pubblicata: Notifica solo ai componenti`);
		// Unfollowing stops them.
		expect((await comp.form(`/tavoli/${UMBRIA}/decisioni?/unfollow`, {})).status).toBe(200);
		await recordAndPublish(
			seg,
			draftFields({ title: 'Dopo aver smesso di seguire', visibility: 'membri' })
		);
		expect((await titles(comp)).some((t) => t.includes('Dopo aver smesso di seguire'))).toBe(false);
	});
});

describe('concurrency', () => {
	it('30 parallel publications in one tavolo get unique, gap-free numbers', async () => {
		const year = new Date().getFullYear();
		const ids: number[] = [];
		for (let i = 0; i < 30; i++)
			ids.push(
				await record(
					seg,
					draftFields({ title: `Pubblicazione concorrente ${i + 1}`, visibility: 'membri' })
				)
			);
		const other = await signedIn(server.url, DEMO.segreteria); // a second session of the segreteria
		const results = await Promise.all(ids.map((id, i) => publish(i % 2 ? seg : other, id)));
		expect(results.every((r) => r.status === 200)).toBe(true);
		const refs = results.map((r) => r.ref);
		expect(new Set(refs).size).toBe(30);
		const numbers = rows<{ number: number }>(
			"SELECT d.number FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE t.slug = ? AND d.year = ? AND d.status = 'pubblicata' ORDER BY d.number",
			UMBRIA,
			year
		).map((r) => r.number);
		expect(numbers).toEqual(numbers.map((_, i) => i + 1));
		// Publishing the same draft from 5 requests at once: exactly one wins.
		const id = await record(seg, draftFields({ title: 'Doppia pubblicazione simultanea' }));
		const race = await Promise.all([0, 1, 2, 3, 4].map(() => publish(seg, id)));
		expect(race.filter((r) => r.status === 200)).toHaveLength(1);
		expect(race.filter((r) => r.status === 409)).toHaveLength(4);
	});

	it('a second process publishing into the same database at the same time never takes a number twice', async () => {
		const year = new Date().getFullYear();
		const ids: number[] = [];
		for (let i = 0; i < 40; i++)
			ids.push(
				await record(
					seg,
					draftFields({ title: `Pubblicazione tra processi ${i + 1}`, visibility: 'osservatori' })
				)
			);
		const worker = spawn(
			process.execPath,
			['--import', 'tsx', 'tests/helpers/publish-worker.ts', ...ids.slice(0, 20).map(String)],
			{
				env: { ...process.env, DATABASE_PATH: server.dbPath },
				stdio: ['pipe', 'pipe', 'pipe']
			}
		);
		let out = '';
		worker.stdout!.on('data', (c) => (out += c));
		worker.stderr!.on('data', (c) => (out += c));
		await new Promise<void>((resolve, reject) => {
			worker.stdout!.on('data', () => out.includes('ready') && resolve());
			worker.on('exit', (code) => reject(new Error(`worker exited ${code}: ${out}`)));
		});
		const done = new Promise<void>((r) => worker.on('exit', () => r()));
		worker.stdin!.write('go\n');
		const http = await Promise.all(ids.slice(20).map((id) => publish(seg, id)));
		await done;
		const workerRefs = JSON.parse(out.split('\n').find((l) => l.startsWith('['))!) as string[];
		const refs = [...workerRefs, ...http.map((r) => r.ref)];
		expect(refs.every(Boolean)).toBe(true);
		expect(new Set(refs).size).toBe(40);
		const numbers = rows<{ number: number }>(
			"SELECT d.number FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE t.slug = ? AND d.year = ? AND d.status = 'pubblicata' ORDER BY d.number",
			UMBRIA,
			year
		).map((r) => r.number);
		expect(numbers).toEqual(numbers.map((_, i) => i + 1));
		// And the chain of that visibility is still intact.
		const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/register-verify.ts'], {
			env: { ...process.env, DATABASE_PATH: server.dbPath },
			encoding: 'utf8'
		});
		expect(r.stdout).toContain('Catene integre');
	}, 60_000);
});
