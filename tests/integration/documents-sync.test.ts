import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startServer, type TestServer } from '../helpers/server';
import { DEMO, UMBRIA, signedIn, type Client } from '../helpers/http';
import {
	appendParagraph,
	createDocument,
	synced,
	until,
	yClient,
	type YClient
} from '../helpers/yjs';

let server: TestServer;
let seg: Client;
let comp: Client;
let comp2: Client;
const clients: YClient[] = [];
const track = (c: YClient) => (clients.push(c), c);

beforeAll(async () => {
	server = await startServer({
		env: { YJS_COMPACT_THRESHOLD: '40', YJS_COMPACT_QUIET_MS: '100', YJS_IDLE_UNLOAD_MS: '400' }
	});
	seg = await signedIn(server.url, DEMO.segreteria);
	comp = await signedIn(server.url, DEMO.componente);
	comp2 = await signedIn(server.url, DEMO.componente2);
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.stop();
});

describe('co-editing over y-websocket', () => {
	it('starts a new piano from its template with the three sections, loaded before the first sync', async () => {
		const id = await createDocument(seg, UMBRIA, 'piano', 'Piano di prova');
		const c = track(yClient(server.url, id, comp));
		await synced(c);
		const text = c.text();
		expect(text).toContain('Piano di prova');
		expect(text).toContain('1. Analisi del contesto regionale');
		expect(text).toContain('2. Azioni propedeutiche');
		expect(text).toContain('3. Azioni pilota');
	});

	it('converges with concurrent writers, one of them disconnecting and reconnecting mid-way', async () => {
		const id = await createDocument(seg, UMBRIA, 'nota', 'Nota condivisa');
		const a = track(yClient(server.url, id, seg));
		const b = track(yClient(server.url, id, comp));
		const c = track(yClient(server.url, id, comp2));
		await Promise.all([a, b, c].map((x) => synced(x)));
		for (let i = 0; i < 30; i++) {
			appendParagraph(a, `a${i}`);
			appendParagraph(b, `b${i}`);
			if (i === 10) c.provider.disconnect();
			appendParagraph(c, `c${i}`);
			if (i === 20) c.provider.connect();
			if (i % 5 === 0) await new Promise((r) => setTimeout(r, 10));
		}
		const want = (x: YClient) =>
			['a29', 'b29', 'c29', 'c15'].every((s) => x.text().includes(`>${s}<`));
		await until(() => [a, b, c].every(want), 15_000, 'all edits everywhere');
		await until(() => a.text() === b.text() && b.text() === c.text(), 10_000, 'identical text');
		expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(c.doc));
		// A latecomer gets the same state from the server.
		const late = track(yClient(server.url, id, comp));
		await synced(late);
		expect(late.text()).toBe(a.text());
	});

	it('keeps the state identical through compaction and idle unload', async () => {
		const id = await createDocument(seg, UMBRIA, 'nota', 'Compattazione');
		const a = track(yClient(server.url, id, seg));
		await synced(a);
		// Past the threshold (40): the log is folded into the base state while connected.
		for (let i = 0; i < 120; i++) {
			appendParagraph(a, `riga ${i}`);
			if (i % 3 === 0) await new Promise((r) => setTimeout(r, 2));
		}
		const del = a.doc.getXmlFragment('default');
		del.delete(3, 2);
		await new Promise((r) => setTimeout(r, 300));
		const before = Y.encodeStateAsUpdate(a.doc);
		const beforeText = a.text();
		a.destroy();
		// Idle unload (400 ms) compacts again and drops the document from memory.
		await new Promise((r) => setTimeout(r, 1200));
		const b = track(yClient(server.url, id, comp));
		await synced(b);
		expect(b.text()).toBe(beforeText);
		expect(Y.encodeStateAsUpdate(b.doc)).toEqual(before);
	});
});
