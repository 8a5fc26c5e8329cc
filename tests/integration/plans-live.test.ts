/**
 * The plan's actions co-edited through real y-websocket clients on /yjs/<documentId>, and the
 * SQL projection following the document (debounced refresh, rebuilt on start-up when missing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { startServer, type TestServer } from '../helpers/server';
import { DEMO, signedIn, UMBRIA, type Client } from '../helpers/http';
import { synced, until, yClient, type YClient } from '../helpers/yjs';

let server: TestServer;
let docId: string;
let clients: YClient[] = [];

type Exported = {
	piano: { documento: string };
	azioni: {
		id: string;
		titolo: string;
		budgetEur: number | null;
		fine: string | null;
		indicatori: { nome: string }[];
	}[];
};

async function exported(c: Client): Promise<Exported> {
	const res = await c.get(`/tavoli/${UMBRIA}/piano/azioni.json`);
	expect(res.status).toBe(200);
	return res.json();
}

function connect(c: Client): YClient {
	const y = yClient(server.url, docId, c);
	clients.push(y);
	return y;
}

const action = (y: YClient, id: string) =>
	(y.doc.getMap('azioni') as Y.Map<Y.Map<unknown>>).get(id)!;

beforeAll(async () => {
	server = await startServer();
	docId = (await exported(await signedIn(server.url, DEMO.segreteria))).piano.documento;
});
afterAll(async () => {
	for (const c of clients) c.destroy();
	await server?.stop();
});

describe('piano co-edited over y-websocket', () => {
	it('keeps both changes when two members edit different fields of one action at once; the same field converges', async () => {
		const marco = await signedIn(server.url, DEMO.componente);
		const paolo = await signedIn(server.url, DEMO.componente2);
		const a = connect(marco);
		const b = connect(paolo);
		await Promise.all([synced(a), synced(b)]);
		const id = [...(a.doc.getMap('azioni') as Y.Map<unknown>).keys()][0];
		expect(action(b, id)).toBeTruthy();

		// Different fields, concurrently (neither has seen the other's change when making its own).
		action(a, id).set('budget', 131313);
		action(b, id).set('fine', '2031-06-30');
		await until(
			() => action(a, id).get('fine') === '2031-06-30' && action(b, id).get('budget') === 131313,
			10_000,
			'both changes on both clients'
		);

		// The same field, concurrently: one value wins, the same everywhere.
		action(a, id).set('titolo', 'Titolo scritto da Marco');
		action(b, id).set('titolo', 'Titolo scritto da Paolo');
		await until(
			() => action(a, id).get('titolo') === action(b, id).get('titolo'),
			10_000,
			'convergence'
		);
		const winner = action(a, id).get('titolo');
		expect(['Titolo scritto da Marco', 'Titolo scritto da Paolo']).toContain(winner);

		// The server's projection follows the document (debounced refresh).
		const seg = await signedIn(server.url, DEMO.segreteria);
		let row: Exported['azioni'][number] | undefined;
		const deadline = Date.now() + 10_000;
		while (Date.now() < deadline) {
			row = (await exported(seg)).azioni.find((x) => x.id === id);
			if (row?.budgetEur === 131313 && row.fine === '2031-06-30' && row.titolo === winner) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(row).toMatchObject({ budgetEur: 131313, fine: '2031-06-30', titolo: winner });
	});

	it('an action with an indicator added by one client appears at the other and in the projection', async () => {
		const a = connect(await signedIn(server.url, DEMO.componente));
		const b = connect(await signedIn(server.url, DEMO.componente2));
		await Promise.all([synced(a), synced(b)]);
		const { addAction } = await import('../../src/lib/plans/model');
		const id = addAction(a.doc, {
			titolo: 'Sportello informativo nei CPI',
			budget: 25000,
			fondo: 'FAMI',
			indicatori: [{ nome: 'Persone orientate', unita: 'n.', baseline: 0, target: 300, valore: 0 }]
		});
		await until(() => !!action(b, id), 10_000, 'the new action at the other client');
		const ind = (action(b, id).get('indicatori') as Y.Array<Y.Map<unknown>>).get(0);
		expect(ind.get('nome')).toBe('Persone orientate');
		const seg = await signedIn(server.url, DEMO.segreteria);
		let found: Exported['azioni'][number] | undefined;
		const deadline = Date.now() + 10_000;
		while (!found && Date.now() < deadline) {
			found = (await exported(seg)).azioni.find((x) => x.id === id);
			if (!found) await new Promise((r) => setTimeout(r, 100));
		}
		expect(found?.indicatori.map((i) => i.nome)).toEqual(['Persone orientate']);
	});

	it('an osservatore connects read-only: their edits never reach the plan', async () => {
		const obs = connect(await signedIn(server.url, DEMO.osservatore));
		const member = connect(await signedIn(server.url, DEMO.componente));
		await Promise.all([synced(obs), synced(member)]);
		const id = [...(obs.doc.getMap('azioni') as Y.Map<unknown>).keys()][1];
		action(obs, id).set('budget', 1);
		// A later write by a member does arrive: the observer's change would have come before it.
		action(member, id).set('codice', 'DOPO-OSSERVATORE');
		const seg = await signedIn(server.url, DEMO.segreteria);
		const deadline = Date.now() + 10_000;
		let row: Exported['azioni'][number] | undefined;
		let codice = '';
		while (Date.now() < deadline) {
			const data = (await exported(seg)) as unknown as {
				azioni: { id: string; codiceProgramma: string; budgetEur: number }[];
			};
			const r = data.azioni.find((x) => x.id === id)!;
			codice = r.codiceProgramma;
			row = r as unknown as Exported['azioni'][number];
			if (codice === 'DOPO-OSSERVATORE') break;
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(codice).toBe('DOPO-OSSERVATORE');
		expect(row!.budgetEur).not.toBe(1);
		expect(action(member, id).get('budget')).not.toBe(1);
	});

	it('rebuilds a missing projection from the document on start-up', async () => {
		const before = (await exported(await signedIn(server.url, DEMO.segreteria))).azioni;
		for (const c of clients) c.destroy();
		clients = [];
		await server.kill();
		const handle = new Database(server.dbPath);
		handle.prepare('DELETE FROM plan_actions').run();
		handle.prepare('DELETE FROM plan_indicators').run();
		handle.prepare('UPDATE plans SET projected_at = NULL').run();
		handle.close();
		const dir = server.dir;
		server = await startServer({ dir });
		const after = (await exported(await signedIn(server.url, DEMO.segreteria))).azioni;
		expect(after.map((a) => [a.id, a.titolo, a.budgetEur, a.fine, a.indicatori.length])).toEqual(
			before.map((a) => [a.id, a.titolo, a.budgetEur, a.fine, a.indicatori.length])
		);
		expect(server.output()).toContain('proiezione ricostruita');
	});
});
