import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { DEMO, UMBRIA, signedIn } from '../helpers/http';
import { browserSuite, signIn } from '../helpers/browser';
import { createDocument } from '../helpers/yjs';

const suite = browserSuite();

/** The editor's text without the carets' name labels, which sit inside the text. */
function textOf(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document
			.querySelector('[data-testid="editor"] .ProseMirror')!
			.cloneNode(true) as HTMLElement;
		el.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
		return el.textContent ?? '';
	});
}

async function openDoc(
	email: string,
	path: string,
	prepare?: (context: BrowserContext) => Promise<void>
): Promise<Page> {
	const context = await suite.browser.newContext({ locale: 'it-IT' });
	await prepare?.(context);
	const page = await signIn(context, suite.server.url, email);
	await page.goto(suite.server.url + path);
	await page.getByRole('textbox', { name: 'Testo del documento' }).waitFor();
	await page.getByTestId('connection').getByText('Connesso').waitFor();
	return page;
}

describe('co-editing in the browser', () => {
	it(
		'two users see each other’s text and caret; an observer reads and cannot type',
		{ timeout: 90_000 },
		async () => {
			const seg = await signedIn(suite.server.url, DEMO.segreteria);
			const id = await createDocument(seg, UMBRIA, 'verbale', 'Verbale della riunione di marzo');
			const path = `/tavoli/${UMBRIA}/documenti/${id}`;
			const [giulia, marco] = await Promise.all([
				openDoc(DEMO.segreteria, path),
				openDoc(DEMO.componente, path)
			]);

			const editorG = giulia.getByRole('textbox', { name: 'Testo del documento' });
			const editorM = marco.getByRole('textbox', { name: 'Testo del documento' });
			await expect.poll(() => textOf(marco)).toContain('Presenti');

			await editorG.locator('p').first().click();
			await giulia.keyboard.type('Presenti i rappresentanti di Regione e Prefettura. ');
			await editorM.locator('p').last().click();
			await marco.keyboard.type('Decisione: si approva il calendario. ');

			await expect
				.poll(() => textOf(marco), { timeout: 10_000 })
				.toContain('Presenti i rappresentanti di Regione e Prefettura.');
			await expect
				.poll(() => textOf(giulia), { timeout: 10_000 })
				.toContain('Decisione: si approva il calendario.');
			// Carets with names, and the presence list.
			await expect
				.poll(() => giulia.locator('.collaboration-carets__label').allTextContents(), {
					timeout: 10_000
				})
				.toContain('Marco Bellini');
			await expect
				.poll(() => marco.locator('.collaboration-carets__label').allTextContents(), {
					timeout: 10_000
				})
				.toContain('Giulia Ferretti');
			await expect
				.poll(() => giulia.getByTestId('people').textContent())
				.toContain('Marco Bellini');
			await expect
				.poll(() => giulia.getByTestId('saved').textContent(), { timeout: 10_000 })
				.toBe('Tutte le modifiche salvate');

			const chiara = await openDoc(DEMO.osservatore, path);
			const editorC = chiara.getByRole('textbox', { name: 'Testo del documento' });
			await expect.poll(() => textOf(chiara)).toContain('Decisione: si approva il calendario.');
			await expect
				.poll(() => chiara.getByTestId('read-only').textContent())
				.toContain('Sola lettura');
			expect(await editorC.getAttribute('contenteditable')).toBe('false');
			expect(await chiara.getByRole('toolbar', { name: 'Formattazione' }).count()).toBe(0);
			const before = await textOf(chiara);
			await editorC.click();
			await chiara.keyboard.type('testo non consentito');
			await new Promise((r) => setTimeout(r, 500));
			expect(await textOf(chiara)).toBe(before);
			expect(await textOf(giulia)).not.toContain('testo non consentito');
			// Keys pressed in a read-only editor change nothing, so nothing is "refused" either.
			expect(await chiara.getByTestId('refused').count()).toBe(0);
		}
	);

	it(
		'edits typed offline into a document approved meanwhile: the user is told, keeps them as a file, and sees the approved text',
		{ timeout: 90_000 },
		async () => {
			const seg = await signedIn(suite.server.url, DEMO.segreteria);
			const id = await createDocument(seg, UMBRIA, 'nota', 'Nota sul calendario dei tavoli');
			const path = `/tavoli/${UMBRIA}/documenti/${id}`;
			// The document's websocket goes through a switch: "offline" cuts it and refuses new ones
			// (Chromium's offline emulation leaves open websockets untouched).
			let offline = false;
			const sockets: WebSocketRoute[] = [];
			const marco = await openDoc(DEMO.componente, path, (context) =>
				context.routeWebSocket(/\/yjs\//, (ws) => {
					if (offline) return void ws.close();
					ws.connectToServer();
					sockets.push(ws);
				})
			);
			const editor = marco.getByRole('textbox', { name: 'Testo del documento' });
			await editor.locator('p').last().click();
			await marco.keyboard.type('Testo salvato prima. ');
			await expect
				.poll(() => marco.getByTestId('saved').textContent(), { timeout: 10_000 })
				.toBe('Tutte le modifiche salvate');

			// Giulia is in the document too, online, her changes saved.
			const giulia = await openDoc(DEMO.segreteria, path);
			await giulia
				.getByRole('textbox', { name: 'Testo del documento' })
				.locator('p')
				.first()
				.click();
			await giulia.keyboard.type('Nota della segreteria. ');
			await expect
				.poll(() => giulia.getByTestId('saved').textContent(), { timeout: 10_000 })
				.toBe('Tutte le modifiche salvate');

			offline = true;
			await marco.context().setOffline(true);
			await Promise.all(sockets.map((ws) => ws.close()));
			await marco.getByTestId('connection').getByText('Offline').waitFor();
			await marco.keyboard.type('Testo scritto offline.');
			expect(await textOf(marco)).toContain('Testo scritto offline.');
			expect((await seg.form(`${path}?/freeze`, {})).status).toBe(200);
			offline = false;
			await marco.context().setOffline(false);

			// Approved live under Giulia's eyes: read-only at once, and nothing of hers was refused.
			await giulia.getByTestId('read-only').getByText('Documento approvato').waitFor();
			await new Promise((r) => setTimeout(r, 500));
			expect(await giulia.getByTestId('refused').count()).toBe(0);
			expect(await textOf(giulia)).toContain('Nota della segreteria.');

			const alert = marco.getByTestId('refused');
			await alert.waitFor({ timeout: 20_000 });
			expect(await alert.getAttribute('role')).toBe('alert');
			expect(await alert.textContent()).toContain('non sono state accettate');
			// What is shown now is the approved text, read-only.
			await expect
				.poll(() => textOf(marco), { timeout: 10_000 })
				.not.toContain('Testo scritto offline.');
			expect(await textOf(marco)).toContain('Testo salvato prima.');
			await marco.getByTestId('read-only').getByText('Documento approvato').waitFor();

			// The words are not lost: they are in the file to download.
			const [download] = await Promise.all([
				marco.waitForEvent('download'),
				alert.getByRole('link', { name: 'Scarica il testo con le tue modifiche (HTML)' }).click()
			]);
			expect(download.suggestedFilename()).toBe(
				'Nota sul calendario dei tavoli - modifiche non salvate.html'
			);
			const file = await readFile((await download.path())!, 'utf8');
			expect(file).toContain('Testo scritto offline.');

			// The local copy was dropped: opening again shows the approved text, without the alert.
			await marco.reload();
			await marco.getByTestId('connection').getByText('Connesso').waitFor();
			await new Promise((r) => setTimeout(r, 500));
			expect(await textOf(marco)).toContain('Testo salvato prima.');
			expect(await textOf(marco)).not.toContain('Testo scritto offline.');
			expect(await marco.getByTestId('refused').count()).toBe(0);
		}
	);
});
