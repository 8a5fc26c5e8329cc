/**
 * Graceful shutdown (SIGTERM), as an orchestrator stops the server: it exits 0 promptly, and every
 * edit any client saw acknowledged (echoed or broadcast) is there after a restart on the same file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { startServer, type TestServer } from '../helpers/server';
import { DEMO, UMBRIA, signedIn } from '../helpers/http';
import {
	appendParagraph,
	createDocument,
	synced,
	until,
	yClient,
	type YClient
} from '../helpers/yjs';

const dir = mkdtempSync(join(tmpdir(), 'raccordo-shutdown-'));
let server: TestServer | null = null;
const clients: YClient[] = [];
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.kill();
	rmSync(dir, { recursive: true, force: true });
});

const paragraphs = (c: YClient) =>
	c.doc
		.getXmlFragment('default')
		.toArray()
		.map((p) => (p as Y.XmlElement).toString());

describe('graceful shutdown', () => {
	it('on SIGTERM stores every live document, exits 0 promptly, and a restart has every acknowledged edit', async () => {
		server = await startServer({ dir });
		const seg = await signedIn(server.url, DEMO.segreteria);
		const reader = await signedIn(server.url, DEMO.componente2);
		const id = await createDocument(seg, UMBRIA, 'nota', 'Arresto ordinato');
		const writer = yClient(server.url, id, seg);
		const watcher = yClient(server.url, id, reader);
		clients.push(writer, watcher);
		await Promise.all([writer, watcher].map((c) => synced(c)));

		const initial = paragraphs(watcher).length;
		let n = 0;
		const burst = setInterval(() => appendParagraph(writer, `edit-${n++}`), 2);
		await until(() => paragraphs(watcher).length > initial + 100, 10_000, 'the burst arriving');

		const proc = server.proc;
		const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
		const closes: number[] = [];
		watcher.provider.ws?.addEventListener('close', (e) => closes.push(e.code));
		const t0 = Date.now();
		proc.kill('SIGTERM');
		const code = await exited;
		const took = Date.now() - t0;
		clearInterval(burst);
		// What the watcher holds, the server broadcast: it was stored first.
		const seen = paragraphs(watcher);
		writer.provider.disconnect();
		watcher.provider.disconnect();

		expect(code).toBe(0);
		expect(took).toBeLessThan(3_000);
		expect(server.output()).toContain('SIGTERM: shutting down');
		expect(closes).toContain(1001);

		// Shutdown folded each live document's log into its base state (unload compacts).
		const file = new Database(server.dbPath, { readonly: true });
		const log = file.prepare('SELECT COUNT(*) AS n FROM document_updates WHERE document_id = ?');
		expect((log.get(id) as { n: number }).n).toBe(0);
		file.close();

		server = await startServer({ dir });
		const fresh = yClient(server.url, id, await signedIn(server.url, DEMO.componente2));
		clients.push(fresh);
		await synced(fresh);
		const stored = new Set(paragraphs(fresh));
		expect(seen.length).toBeGreaterThan(initial + 100);
		expect(seen.filter((p) => !stored.has(p))).toEqual([]);
	});
});
