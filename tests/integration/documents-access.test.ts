import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
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
let obs: Client;
let outsider: Client;
const clients: YClient[] = [];
const track = (c: YClient) => (clients.push(c), c);

beforeAll(async () => {
	server = await startServer({ env: { YJS_IDLE_UNLOAD_MS: '300' } });
	[seg, comp, obs, outsider] = await Promise.all(
		[DEMO.segreteria, DEMO.componente, DEMO.osservatore, DEMO.outsider].map((e) =>
			signedIn(server.url, e)
		)
	);
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.stop();
});

/** Status of a raw websocket upgrade attempt (101 when accepted). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		ws.on('open', () => {
			ws.close();
			resolve(101);
		});
		ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
		ws.on('error', () => resolve(-1));
	});
}

/** Captures the reason of the y-protocols permission-denied message (read-only notice). */
function readOnlyReason(c: YClient): () => string | null {
	let reason: string | null = null;
	c.provider.messageHandlers[2] = (_e: encoding.Encoder, d: decoding.Decoder) => {
		if (decoding.readVarUint(d) === 0) reason = decoding.readVarString(d);
	};
	return () => reason;
}

describe('access to /yjs/<id>', () => {
	let id: string;
	beforeAll(async () => {
		id = await createDocument(seg, UMBRIA, 'accordo', 'Protocollo riservato', {
			subkind: 'convenzione'
		});
	});

	it('refuses anonymous, outsider, foreign-origin and unknown-document upgrades', async () => {
		const url = `${server.url.replace('http', 'ws')}/yjs/${id}`;
		expect(await upgradeStatus(url, { origin: server.url })).toBe(401);
		expect(await upgradeStatus(url, { origin: server.url, cookie: outsider.cookieHeader })).toBe(
			404
		);
		expect(
			await upgradeStatus(url, { origin: 'https://evil.example', cookie: seg.cookieHeader })
		).toBe(403);
		expect(await upgradeStatus(url, { cookie: seg.cookieHeader })).toBe(403);
		expect(await upgradeStatus(`${url}x`, { origin: server.url, cookie: seg.cookieHeader })).toBe(
			404
		);
		expect(await upgradeStatus(url, { origin: server.url, cookie: comp.cookieHeader })).toBe(101);
		// Pages too: the outsider gets the same answer for this document as for one that does not exist.
		const page = (await outsider.get(`/tavoli/${UMBRIA}/documenti/${id}`)).status;
		expect([403, 404]).toContain(page);
		expect((await outsider.get(`/tavoli/${UMBRIA}/documenti/${id.slice(0, -2)}zz`)).status).toBe(
			page
		);
	});

	it("never stores nor relays an osservatore's updates, and tells the observer it is read-only", async () => {
		const writer = track(yClient(server.url, id, comp));
		const observer = track(yClient(server.url, id, obs));
		const reason = readOnlyReason(observer);
		await Promise.all([synced(writer), synced(observer)]);
		await until(() => reason() !== null, 5000, 'read-only notice');
		expect(reason()).toBe('read-only');
		appendParagraph(observer, 'scritto da un osservatore');
		appendParagraph(writer, 'scritto da un componente');
		await until(
			() => observer.text().includes('scritto da un componente'),
			5000,
			'observer receives writes'
		);
		await new Promise((r) => setTimeout(r, 300));
		expect(writer.text()).not.toContain('osservatore');
		writer.destroy();
		observer.destroy();
		// After the idle unload the document is read back from SQLite only.
		await new Promise((r) => setTimeout(r, 800));
		const fresh = track(yClient(server.url, id, seg));
		await synced(fresh);
		expect(fresh.text()).toContain('scritto da un componente');
		expect(fresh.text()).not.toContain('osservatore');
	});

	it('a frozen document rejects writes from the segreteria too, live and on new connections', async () => {
		// An accordo: a verbale is approved with its minutes, not from the document page.
		const doc = await createDocument(seg, UMBRIA, 'accordo', 'Accordo da approvare');
		const open = track(yClient(server.url, doc, seg));
		const other = track(yClient(server.url, doc, comp));
		const reason = readOnlyReason(open);
		await Promise.all([synced(open), synced(other)]);
		appendParagraph(open, 'prima dell’approvazione');
		await until(() => other.text().includes('prima dell’approvazione'), 5000, 'pre-freeze edit');
		const res = await seg.form(`/tavoli/${UMBRIA}/documenti/${doc}?/freeze`, {});
		expect(res.status).toBe(200);
		await until(() => reason() === 'frozen', 5000, 'live switch to read-only');
		appendParagraph(open, 'dopo l’approvazione');
		await new Promise((r) => setTimeout(r, 400));
		expect(other.text()).not.toContain('dopo l’approvazione');
		const late = track(yClient(server.url, doc, seg));
		const lateReason = readOnlyReason(late);
		await synced(late);
		await until(() => lateReason() === 'frozen', 5000, 'new connection read-only');
		expect(late.text()).not.toContain('dopo l’approvazione');
		// The page shows it, and the segreteria can no longer restore or save versions.
		const html = await (await seg.get(`/tavoli/${UMBRIA}/documenti/${doc}`)).text();
		expect(html).toContain('Documento approvato');
		const again = await seg.form(`/tavoli/${UMBRIA}/documenti/${doc}?/freeze`, {});
		expect(again.status).toBe(409);
	});

	it('observers cannot create documents; componenti can but cannot manage', async () => {
		const r = await obs.form(`/tavoli/${UMBRIA}/documenti?/create`, { kind: 'nota', title: 'No' });
		expect(r.status).toBe(403);
		const mine = await createDocument(comp, UMBRIA, 'nota', 'Nota di un componente');
		const rename = await comp.form(`/tavoli/${UMBRIA}/documenti?/rename`, {
			id: mine,
			title: 'Altro'
		});
		expect(rename.status).toBe(403);
		const ok = await seg.form(`/tavoli/${UMBRIA}/documenti?/rename`, {
			id: mine,
			title: 'Nota rinominata'
		});
		expect(ok.status).toBe(200);
		const list = await (await comp.get(`/tavoli/${UMBRIA}/documenti`)).text();
		expect(list).toContain('Nota rinominata');
	});
});

describe('identity in awareness', () => {
	it('the name beside a caret is the signed-in person’s, whatever the client claims', async () => {
		const id = await createDocument(seg, UMBRIA, 'nota', 'Nota con cursori');
		const watcher = track(yClient(server.url, id, seg));
		const impostor = track(yClient(server.url, id, comp));
		await Promise.all([synced(watcher), synced(impostor)]);
		impostor.provider.awareness.setLocalStateField('user', {
			name: 'Il Prefetto',
			color: '#123456'
		});
		const names = () =>
			[...watcher.provider.awareness.getStates().values()]
				.map((s) => (s as { user?: { name?: string } }).user?.name)
				.filter(Boolean);
		await until(() => names().length > 0, 5000, 'awareness arrives');
		expect(names()).toEqual(['Marco Bellini']);
		const state = [...watcher.provider.awareness.getStates().values()].find(
			(s) => (s as { user?: unknown }).user
		) as { user: { color: string } };
		// Presentation chosen by the client (its colour) is kept.
		expect(state.user.color).toBe('#123456');
	});
});

describe('bad frames', () => {
	function raw(id: string, client: Client): Promise<WebSocket> {
		return new Promise((resolve, reject) => {
			const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/${id}`, {
				headers: { origin: server.url, cookie: client.cookieHeader }
			});
			ws.on('open', () => resolve(ws));
			ws.on('error', reject);
		});
	}
	const closed = (ws: WebSocket) =>
		new Promise<{ code: number; reason: string }>((r) =>
			ws.on('close', (code, reason) => r({ code, reason: reason.toString() }))
		);

	it('closes the sending connection on random, truncated, text and oversized frames; the document and process are intact', async () => {
		const id = await createDocument(seg, UMBRIA, 'nota', 'Frame malformati');
		const writer = track(yClient(server.url, id, seg));
		await synced(writer);
		appendParagraph(writer, 'testo valido');
		await new Promise((r) => setTimeout(r, 200));
		const before = writer.text();
		const beforeVector = Y.encodeStateVector(writer.doc);

		// A valid update message, to truncate.
		const d = new Y.Doc();
		appendParagraph({ doc: d } as YClient, 'x'.repeat(200));
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, 0);
		encoding.writeVarUint(enc, 2);
		encoding.writeVarUint8Array(enc, Y.encodeStateAsUpdate(d));
		const valid = encoding.toUint8Array(enc);

		const codes: number[] = [];
		const frames: (Buffer | string)[] = [];
		for (let i = 0; i < 40; i++) {
			const b = Buffer.alloc(1 + Math.floor(Math.random() * 300));
			for (let j = 0; j < b.length; j++) b[j] = Math.floor(Math.random() * 256);
			b[0] = [0, 1, 7, 0][i % 4]; // sync, awareness, unknown, sync
			if (b[0] === 0) b[1] = i % 8 === 0 ? 2 : 1;
			frames.push(b);
		}
		for (let cut = 3; cut < valid.length - 1; cut += 17)
			frames.push(Buffer.from(valid.subarray(0, cut)));
		frames.push('testo invece di binario');
		for (const frame of frames) {
			const ws = await raw(id, comp);
			const done = closed(ws);
			ws.send(frame);
			// Frames that happen to parse as harmless messages leave the socket open: close it ourselves.
			const t = setTimeout(() => ws.close(), 300);
			const { code } = await done;
			clearTimeout(t);
			codes.push(code);
		}
		expect(codes.filter((c) => c === 4400).length).toBeGreaterThan(frames.length / 2);

		const big = await raw(id, comp);
		const bigDone = closed(big);
		// Past the frame limit (8 MiB, see docs/realtime.md).
		big.send(Buffer.alloc(9 * 1024 * 1024, 1));
		expect((await bigDone).code).toBe(1009);

		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		const fresh = track(yClient(server.url, id, seg));
		await synced(fresh);
		expect(fresh.text()).toBe(before);
		expect(Y.encodeStateVector(fresh.doc)).toEqual(beforeVector);
		// The writer's connection was never disturbed.
		appendParagraph(writer, 'ancora valido');
		await until(() => fresh.text().includes('ancora valido'), 5000, 'writer still live');
	});
});
