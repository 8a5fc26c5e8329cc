import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
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

let server: TestServer | null = null;
const clients: YClient[] = [];
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.stop();
});

const paragraphs = (c: YClient) =>
	c.doc
		.getXmlFragment('default')
		.toArray()
		.map((p) => (p as Y.XmlElement).toString());

describe('durability', () => {
	it('loses nothing any client received when the server is killed with SIGKILL mid-burst', async () => {
		server = await startServer();
		const seg = await signedIn(server.url, DEMO.segreteria);
		const comp = await signedIn(server.url, DEMO.componente);
		const reader = await signedIn(server.url, DEMO.componente2);
		const id = await createDocument(seg, UMBRIA, 'nota', 'Durabilità');
		const writers = [yClient(server.url, id, seg), yClient(server.url, id, comp)];
		const watcher = yClient(server.url, id, reader);
		clients.push(...writers, watcher);
		await Promise.all([...writers, watcher].map((c) => synced(c)));

		const initial = paragraphs(watcher).length;
		let n = 0;
		const burst = setInterval(() => {
			writers.forEach((w, i) => appendParagraph(w, `w${i}-${n}`));
			n++;
		}, 3);
		await until(
			() => paragraphs(watcher).length > initial + 150,
			10_000,
			'watcher receiving the burst'
		);
		await server.kill();
		clearInterval(burst);
		// Everything the watcher has, it received from the server before it died.
		const seen = paragraphs(watcher);
		const seenVector = Y.decodeStateVector(Y.encodeStateVector(watcher.doc));
		expect(seen.length).toBeGreaterThan(150);

		const port = server.port;
		server = await startServer({ dir: server.dir, env: { PORT: String(port) } });
		const fresh = yClient(server.url, id, reader);
		clients.push(fresh);
		await synced(fresh);
		const stored = new Set(paragraphs(fresh));
		const missing = seen.filter((p) => !stored.has(p));
		expect(missing).toEqual([]);
		const freshVector = Y.decodeStateVector(Y.encodeStateVector(fresh.doc));
		for (const [client, clock] of seenVector)
			expect(freshVector.get(client) ?? 0).toBeGreaterThanOrEqual(clock);

		// The writers reconnect by themselves (same port) and push what the server never got.
		const all = [...writers, watcher, fresh];
		await until(() => writers.every((w) => w.provider.synced), 20_000, 'writers reconnected');
		const expected = initial + n * writers.length;
		await until(
			() => all.every((c) => paragraphs(c).length === expected),
			20_000,
			'convergence after restart'
		).catch((e) => {
			throw new Error(
				e.message +
					' ' +
					expected +
					' ' +
					all.map((c) => paragraphs(c).length + ':' + c.provider.synced).join(',')
			);
		});
		const texts = all.map((c) => c.text());
		expect(new Set(texts).size).toBe(1);
	});
});
