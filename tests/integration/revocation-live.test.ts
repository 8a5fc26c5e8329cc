/**
 * The end of access ends every live channel at once, even for a client that does not cooperate:
 * a raw websocket that never answers (nor heeds) the close frame and keeps sending updates after
 * logout or removal from the tavolo, and socket.io sockets after logout and password change.
 */
import Database from 'better-sqlite3';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, DEMO_PASSWORD, type TestServer } from '../helpers/server';
import { DEMO, UMBRIA, signedIn, type Client } from '../helpers/http';
import { connectSocket } from '../helpers/socket';
import { createDocument, until } from '../helpers/yjs';

let server: TestServer;
let seg: Client;
let docId: string;

beforeAll(async () => {
	// The default heartbeat (30 s): revocation must not wait for it.
	server = await startServer();
	seg = await signedIn(server.url, DEMO.segreteria);
	docId = await createDocument(seg, UMBRIA, 'nota', 'Revoca immediata');
});
afterAll(async () => {
	await server?.stop();
});

function storedText(): string {
	const db = new Database(server.dbPath, { readonly: true });
	const rows = db.prepare('SELECT data FROM document_updates WHERE document_id = ?').all(docId) as {
		data: Buffer;
	}[];
	db.close();
	return rows.map((r) => r.data.toString('latin1')).join('');
}

/** A websocket client written by hand: it sends frames and never reads, let alone answers, any. */
async function stubbornClient(
	client: Client
): Promise<{ send: (text: string) => void; socket: Duplex }> {
	const url = new URL(server.url);
	const socket = await new Promise<Duplex>((resolve, reject) => {
		const req = http.request({
			host: url.hostname,
			port: url.port,
			path: `/yjs/${docId}`,
			headers: {
				connection: 'Upgrade',
				upgrade: 'websocket',
				'sec-websocket-version': '13',
				'sec-websocket-key': randomBytes(16).toString('base64'),
				origin: server.url,
				cookie: client.cookieHeader
			}
		});
		req.on('upgrade', (_res, s) => resolve(s));
		req.on('response', (res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
		req.on('error', reject);
		req.end();
	});
	socket.on('data', () => {});
	socket.on('error', () => {});
	const doc = new Y.Doc();
	const frag = doc.getXmlFragment('default');
	return {
		socket,
		send(text: string) {
			let update: Uint8Array | null = null;
			const keep = (u: Uint8Array) => (update = u);
			doc.once('update', keep);
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText(text)]);
			frag.insert(0, [p]);
			const enc = encoding.createEncoder();
			encoding.writeVarUint(enc, 0);
			syncProtocol.writeUpdate(enc, update!);
			const payload = Buffer.from(encoding.toUint8Array(enc));
			if (payload.length > 125) throw new Error('test frames are small');
			const mask = randomBytes(4);
			const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
			if (!socket.destroyed)
				socket.write(Buffer.concat([Buffer.from([0x82, 0x80 | payload.length]), mask, masked]));
		}
	};
}

function membershipId(email: string): string {
	const db = new Database(server.dbPath, { readonly: true });
	const row = db
		.prepare(
			'SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id JOIN tavoli t ON t.id = m.tavolo_id WHERE u.email = ? AND t.slug = ?'
		)
		.get(email, UMBRIA) as { id: number };
	db.close();
	return String(row.id);
}

async function keepsWritingAfter(
	email: string,
	revoke: (c: Client) => Promise<void>,
	marker: string
) {
	const person = await signedIn(server.url, email);
	const c = await stubbornClient(person);
	c.send(`${marker}-prima`);
	await until(() => storedText().includes(`${marker}-prima`), 5000, 'first edit stored');
	await revoke(person);
	// Straight after the answer, then for two seconds: none of it may be applied or stored.
	for (let i = 0; i < 20; i++) {
		c.send(`${marker}-dopo${i}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	expect(storedText()).not.toContain(`${marker}-dopo`);
	// And the connection is gone, not waiting 30 s for an answer to its close frame.
	await until(() => c.socket.destroyed || c.socket.readableEnded, 3000, 'socket terminated');
}

describe('revocation on live channels', () => {
	it('a Yjs client that ignores the close frame stores nothing after logout', async () => {
		await keepsWritingAfter(
			'luca.gallo@demo.raccordo.it',
			async (p) => expect((await p.form('/logout', {})).status).toBe(303),
			'USCITO'
		);
	});

	it('a Yjs client that ignores the close frame stores nothing after removal from the tavolo', async () => {
		await keepsWritingAfter(
			DEMO.componente2,
			async () => {
				const res = await seg.form(`/tavoli/${UMBRIA}/membri?/remove`, {
					membershipId: membershipId(DEMO.componente2)
				});
				expect(res.status).toBe(200);
			},
			'RIMOSSO'
		);
	});

	it('socket.io sockets of a session end with logout', async () => {
		const person = await signedIn(server.url, DEMO.supplente);
		const socket = await connectSocket(server.url, person);
		const gone = new Promise<string>((r) => socket.once('disconnect', r));
		expect((await person.form('/logout', {})).status).toBe(303);
		expect(
			await Promise.race([gone, new Promise((r) => setTimeout(() => r('still connected'), 2000))])
		).toBe('io server disconnect');
		expect(socket.connected).toBe(false);
		socket.close();
	});

	it('socket.io sockets of the other sessions end with a password change; the changing one stays', async () => {
		const email = 'elena.marchi@demo.raccordo.it';
		const here = await signedIn(server.url, email);
		const elsewhere = await signedIn(server.url, email);
		const mine = await connectSocket(server.url, here);
		const theirs = await connectSocket(server.url, elsewhere);
		const gone = new Promise<string>((r) => theirs.once('disconnect', r));
		const next = 'una-nuova-password-lunga-2026';
		const res = await here.form('/account?/password', {
			current: DEMO_PASSWORD,
			password: next,
			confirm: next
		});
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Password cambiata');
		expect(
			await Promise.race([gone, new Promise((r) => setTimeout(() => r('still connected'), 2000))])
		).toBe('io server disconnect');
		// The old session cannot come back for notifications either.
		await expect(connectSocket(server.url, elsewhere)).rejects.toThrow();
		expect(mine.connected).toBe(true);
		mine.close();
		theirs.close();
	});
});
