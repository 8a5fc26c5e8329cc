/**
 * Access to a co-edited document is re-decided while the connection lives, not only at the upgrade:
 * removing someone from the tavolo, demoting them to osservatore or signing them out stops their
 * writes from reaching the store or anyone else.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let docId: string;
let watcher: YClient;
const clients: YClient[] = [];
const track = (c: YClient) => (clients.push(c), c);

beforeAll(async () => {
	server = await startServer({ env: { YJS_HEARTBEAT_MS: '300' } });
	seg = await signedIn(server.url, DEMO.segreteria);
	docId = await createDocument(seg, UMBRIA, 'nota', 'Nota sulle presenze');
	watcher = track(yClient(server.url, docId, seg));
	await synced(watcher);
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.stop();
});

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

function storedText(): string {
	// Every stored update, decoded: what a restart would bring back.
	const db = new Database(server.dbPath, { readonly: true });
	const rows = db.prepare('SELECT data FROM document_updates WHERE document_id = ?').all(docId) as {
		data: Buffer;
	}[];
	db.close();
	return rows.map((r) => r.data.toString('latin1')).join('');
}

async function writerThatLosesAccess(
	email: string,
	revoke: (c: Client) => Promise<void>,
	marker: string
) {
	const person = await signedIn(server.url, email);
	const c = track(yClient(server.url, docId, person));
	await synced(c);
	appendParagraph(c, `${marker} prima`);
	await until(() => watcher.text().includes(`${marker} prima`), 5000, 'first edit arrives');
	await revoke(person);
	await new Promise((r) => setTimeout(r, 900));
	appendParagraph(c, `${marker} dopo`);
	await new Promise((r) => setTimeout(r, 900));
	expect(watcher.text()).toContain(`${marker} prima`);
	expect(watcher.text()).not.toContain(`${marker} dopo`);
	expect(storedText()).not.toContain(`${marker} dopo`);
}

describe('access re-checked on live document connections', () => {
	it('someone removed from the tavolo is disconnected and their later edits go nowhere', async () => {
		await writerThatLosesAccess(
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

	it('a componente turned osservatore becomes read-only at once', async () => {
		await writerThatLosesAccess(
			'elena.marchi@demo.raccordo.it',
			async () => {
				const res = await seg.form(`/tavoli/${UMBRIA}/membri?/update`, {
					membershipId: membershipId('elena.marchi@demo.raccordo.it'),
					enteId: '4',
					role: 'osservatore',
					representation: ''
				});
				expect(res.status).toBe(200);
			},
			'DECLASSATA'
		);
	});

	it('signing out closes the session’s document connections within a heartbeat', async () => {
		await writerThatLosesAccess(
			'luca.gallo@demo.raccordo.it',
			async (person) => {
				expect((await person.form('/logout', {})).status).toBe(303);
			},
			'USCITO'
		);
	});
});
