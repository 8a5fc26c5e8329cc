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

const escapeHtml = (t: string) =>
	t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

let server: TestServer;
let seg: Client;
let obs: Client;
const clients: YClient[] = [];
beforeAll(async () => {
	server = await startServer();
	[seg, obs] = await Promise.all([
		signedIn(server.url, DEMO.segreteria),
		signedIn(server.url, DEMO.osservatore)
	]);
});
afterAll(async () => {
	clients.forEach((c) => c.destroy());
	await server?.stop();
});

describe('named versions', () => {
	it('saves, lists with author, shows read-only and restores as a new change everyone receives', async () => {
		const id = await createDocument(seg, UMBRIA, 'accordo', 'Convenzione con il terzo settore', {
			subkind: 'convenzione'
		});
		const page = `/tavoli/${UMBRIA}/documenti/${id}`;
		const editor = yClient(server.url, id, seg);
		clients.push(editor);
		await synced(editor);
		appendParagraph(editor, 'Testo della bozza inviata');
		await until(() => editor.provider.synced, 2000);
		await new Promise((r) => setTimeout(r, 200));

		const empty = await seg.form(`${page}?/version`, { name: '  ' });
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain('Dai un nome alla versione');
		const saved = await seg.form(`${page}?/version`, { name: 'bozza inviata agli enti, 3 marzo' });
		expect(saved.status).toBe(200);
		const html = await (await seg.get(page)).text();
		expect(html).toContain('bozza inviata agli enti, 3 marzo');
		expect(html).toContain('Giulia Ferretti');
		const versionId = /versioni\/(\d+)/.exec(html)![1];

		appendParagraph(editor, 'Modifica successiva');
		await new Promise((r) => setTimeout(r, 200));
		const view = await (await obs.get(`${page}/versioni/${versionId}`)).text();
		expect(view).toContain('Testo della bozza inviata');
		expect(view).not.toContain('Modifica successiva');
		expect(view).toContain('sola lettura');
		expect((await obs.form(`${page}?/restore`, { versionId })).status).toBe(403);

		const watcher = yClient(server.url, id, obs);
		clients.push(watcher);
		await synced(watcher);
		expect(watcher.text()).toContain('Modifica successiva');
		expect((await seg.form(`${page}?/restore`, { versionId })).status).toBe(200);
		await until(
			() => !watcher.text().includes('Modifica successiva'),
			5000,
			'restore reaches clients'
		);
		expect(watcher.text()).toContain('Testo della bozza inviata');
		expect(editor.text()).toBe(watcher.text());
	});

	it('a componente names and restores versions too; a frozen document refuses both', async () => {
		const comp = await signedIn(server.url, DEMO.componente);
		const id = await createDocument(seg, UMBRIA, 'nota', 'Nota condivisa');
		const page = `/tavoli/${UMBRIA}/documenti/${id}`;
		const saved = await comp.form(`${page}?/version`, { name: 'proposta della Prefettura' });
		expect(saved.status).toBe(200);
		const html = await (await comp.get(page)).text();
		expect(html).toContain('proposta della Prefettura');
		expect(html).toContain('Marco Bellini');
		const versionId = /versioni\/(\d+)/.exec(html)![1];
		expect((await comp.form(`${page}?/restore`, { versionId })).status).toBe(200);
		expect((await obs.form(`${page}?/version`, { name: 'osservazione' })).status).toBe(403);

		expect((await seg.form(`${page}?/freeze`, {})).status).toBe(200);
		for (const who of [seg, comp]) {
			expect((await who.form(`${page}?/version`, { name: 'dopo approvazione' })).status).toBe(403);
			expect((await who.form(`${page}?/restore`, { versionId })).status).toBe(403);
		}
		expect(await (await seg.get(page)).text()).not.toContain('dopo approvazione');
	});

	it('a version of the piano shows its actions beside the text; a note has no actions table', async () => {
		const plan = (await (await seg.get(`/tavoli/${UMBRIA}/piano/azioni.json`)).json()) as {
			piano: { documento: string };
			azioni: { titolo: string }[];
		};
		expect(plan.azioni.length).toBeGreaterThan(0);
		const page = `/tavoli/${UMBRIA}/documenti/${plan.piano.documento}`;
		expect(
			(await seg.form(`${page}?/version`, { name: 'piano inviato alla Regione' })).status
		).toBe(200);
		const html = await (await obs.get(page)).text();
		const versionId = /versioni\/(\d+)[^>]*>piano inviato alla Regione/.exec(html)?.[1];
		expect(versionId).toBeTruthy();
		const view = await (await obs.get(`${page}/versioni/${versionId}`)).text();
		const table = /<table[^>]*data-testid="version-actions"[\s\S]*?<\/table>/.exec(view)?.[0] ?? '';
		expect(table).toContain('<th scope="col">Stato</th>');
		for (const a of plan.azioni) expect(table).toContain(escapeHtml(a.titolo));

		const noteId = await createDocument(seg, UMBRIA, 'nota', 'Nota senza azioni');
		const notePage = `/tavoli/${UMBRIA}/documenti/${noteId}`;
		await seg.form(`${notePage}?/version`, { name: 'prima stesura' });
		const noteVersion = /versioni\/(\d+)/.exec(await (await seg.get(notePage)).text())![1];
		expect(await (await seg.get(`${notePage}/versioni/${noteVersion}`)).text()).not.toContain(
			'version-actions'
		);
	});

	it('archives a document: it leaves the list and becomes read-only', async () => {
		const id = await createDocument(seg, UMBRIA, 'nota', 'Nota da archiviare');
		expect((await seg.form(`/tavoli/${UMBRIA}/documenti?/archive`, { id })).status).toBe(200);
		const list = await (await seg.get(`/tavoli/${UMBRIA}/documenti`)).text();
		expect(list).not.toContain('Nota da archiviare');
		const all = await (await seg.get(`/tavoli/${UMBRIA}/documenti?archiviati=1`)).text();
		expect(all).toContain('Nota da archiviare');
		const page = await (await seg.get(`/tavoli/${UMBRIA}/documenti/${id}`)).text();
		expect(page).toContain('Documento archiviato');
	});

	it('seeds the demo Piano integrato with its three sections and a saved version', async () => {
		const list = await (await seg.get(`/tavoli/${UMBRIA}/documenti`)).text();
		expect(list).toContain('Piano integrato regionale – Umbria');
		expect(list).toContain('Protocollo d’intesa per la mediazione interculturale negli Sportelli');
		expect(list).toContain('Nota sulla proroga della relazione finale');
		const id = /documenti\/([A-Za-z0-9_-]{16,})"[^>]*>Piano integrato regionale/.exec(list)![1];
		const c = yClient(server.url, id, seg);
		clients.push(c);
		await synced(c);
		for (const s of [
			'1. Analisi del contesto regionale',
			'2. Azioni propedeutiche',
			'3. Azioni pilota'
		])
			expect(c.text()).toContain(s);
	});
});
