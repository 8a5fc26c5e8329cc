/**
 * One state machine for a verbale: it is approved (and frozen) with its minutes on the meeting's
 * page. The document page's freeze refuses it, and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { Client, DEMO, UMBRIA, signedIn } from '../helpers/http';
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
const clients: YClient[] = [];
beforeAll(async () => {
	server = await startServer();
	seg = await signedIn(server.url, DEMO.segreteria);
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.stop();
});

describe('document kinds', () => {
	it('refuses to freeze a verbale from the document page, with the reason, and leaves it writable', async () => {
		const id = await createDocument(seg, UMBRIA, 'verbale', 'Verbale della riunione di aprile');
		const page = `/tavoli/${UMBRIA}/documenti/${id}`;
		const res = await seg.form(`${page}?/freeze`, {});
		expect(res.status).toBe(409);
		expect(await res.text()).toContain('Il verbale si approva dalla pagina della riunione');

		const html = await (await seg.get(page)).text();
		expect(html).not.toContain('Documento approvato');
		// Still writable live: an edit reaches a colleague.
		const writer = yClient(server.url, id, seg);
		const reader = yClient(server.url, id, await signedIn(server.url, DEMO.componente));
		clients.push(writer, reader);
		await Promise.all([synced(writer), synced(reader)]);
		appendParagraph(writer, 'dopo il rifiuto');
		await until(() => reader.text().includes('dopo il rifiuto'), 5000, 'edit after refusal');
	});

	it('other kinds still freeze from the document page', async () => {
		const id = await createDocument(seg, UMBRIA, 'nota', 'Nota da approvare');
		const res = await seg.form(`/tavoli/${UMBRIA}/documenti/${id}?/freeze`, {});
		expect(res.status).toBe(200);
	});

});
