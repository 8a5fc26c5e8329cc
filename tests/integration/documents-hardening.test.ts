/**
 * What one connection may do to others on the same document: it speaks only for its own awareness
 * client id (a caret), and a flood of malformed frames costs a bounded number of log lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { startServer, type TestServer } from '../helpers/server';
import { DEMO, UMBRIA, signedIn, type Client } from '../helpers/http';
import { createDocument, synced, until, yClient, type YClient } from '../helpers/yjs';

let server: TestServer;
let seg: Client;
let comp: Client;
const clients: YClient[] = [];
const track = (c: YClient) => (clients.push(c), c);

beforeAll(async () => {
	server = await startServer();
	[seg, comp] = await Promise.all(
		[DEMO.segreteria, DEMO.componente].map((e) => signedIn(server.url, e))
	);
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.stop();
});

function raw(id: string, client: Client): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/${id}`, {
			headers: { origin: server.url, cookie: client.cookieHeader }
		});
		ws.on('open', () => resolve(ws));
		ws.on('error', reject);
	});
}

function awarenessFrame(entries: [clientId: number, clock: number, state: unknown][]): Buffer {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, entries.length);
	for (const [id, clock, state] of entries) {
		encoding.writeVarUint(inner, id);
		encoding.writeVarUint(inner, clock);
		encoding.writeVarString(inner, JSON.stringify(state));
	}
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, 1);
	encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
	return Buffer.from(encoding.toUint8Array(enc));
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('awareness ownership', () => {
	it('a connection cannot remove or overwrite the caret of another; it may announce its own', async () => {
		const id = await createDocument(seg, UMBRIA, 'nota', 'Cursori altrui');
		const victim = track(yClient(server.url, id, seg));
		const watcher = track(yClient(server.url, id, seg));
		await Promise.all([synced(victim), synced(watcher)]);
		victim.provider.awareness.setLocalStateField('user', { name: 'x', color: '#0066cc' });
		const victimId = victim.doc.clientID;
		const stateOf = (clientId: number) =>
			watcher.provider.awareness.getStates().get(clientId) as
				{ user?: { name?: string; color?: string } } | undefined;
		await until(() => !!stateOf(victimId)?.user, 5000, 'victim caret arrives');
		const clock = victim.provider.awareness.meta.get(victimId)!.clock;

		const attacker = await raw(id, comp);
		attacker.send(awarenessFrame([[victimId, clock + 5, null]]));
		await wait(300);
		attacker.send(
			awarenessFrame([[victimId, clock + 10, { user: { name: 'x', color: '#ff0000' } }]])
		);
		// Its own caret is fine, a second invented one is not.
		attacker.send(awarenessFrame([[4242, 1, { user: { name: 'y', color: '#00ff00' } }]]));
		await wait(300);
		attacker.send(awarenessFrame([[4343, 1, { user: { name: 'z', color: '#00ff00' } }]]));
		await until(() => !!stateOf(4242), 5000, 'attacker own caret arrives');
		await wait(500);
		expect(stateOf(victimId)?.user).toMatchObject({ name: 'Giulia Ferretti', color: '#0066cc' });
		expect(stateOf(4242)?.user?.name).toBe('Marco Bellini');
		expect(stateOf(4343)).toBeUndefined();
		attacker.close();
		// Its own caret goes with it; the victim's stays.
		await until(() => !stateOf(4242), 5000, 'attacker caret removed on leave');
		expect(stateOf(victimId)?.user?.name).toBe('Giulia Ferretti');
	});
});

describe('bad frame logging', () => {
	it('1,000 malformed frames produce a bounded number of log lines', async () => {
		const id = await createDocument(seg, UMBRIA, 'nota', 'Frame rotti');
		const valid = new Y.Doc();
		valid.getText('t').insert(0, 'una riga abbastanza lunga da troncare');
		const update = Y.encodeStateAsUpdate(valid);
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, 0);
		syncProtocol.writeUpdate(enc, update.subarray(0, update.length - 6));
		const truncated = Buffer.from(encoding.toUint8Array(enc));
		const before = (server.output().match(/bad frame/g) ?? []).length;
		for (let batch = 0; batch < 10; batch++) {
			await Promise.all(
				Array.from({ length: 20 }, async () => {
					const ws = await raw(id, comp);
					const closed = new Promise((r) => ws.once('close', r));
					for (let i = 0; i < 5; i++) ws.send(truncated);
					await closed;
				})
			);
		}
		await wait(200);
		const lines = (server.output().match(/bad frame/g) ?? []).length - before;
		expect(lines).toBeGreaterThan(0);
		expect(lines).toBeLessThanOrEqual(11);
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});
});
