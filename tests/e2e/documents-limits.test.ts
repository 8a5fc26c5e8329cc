/**
 * What the person sees at the edges of co-editing: a paste larger than the server takes is refused
 * at once with what to do (not kept locally as "saved"), and a lost network shows in seconds.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, UMBRIA, signedIn } from '../helpers/http';
import { browserSuite, signIn } from '../helpers/browser';
import { createDocument } from '../helpers/yjs';

// A small frame limit keeps the oversized paste small enough for a quick test.
const suite = browserSuite({ env: { YJS_MAX_FRAME_BYTES: String(64 * 1024) } });

async function openDoc(title: string) {
	const seg = await signedIn(suite.server.url, DEMO.segreteria);
	const id = await createDocument(seg, UMBRIA, 'nota', title);
	const context = await suite.browser.newContext({ locale: 'it-IT' });
	const page = await signIn(context, suite.server.url, DEMO.segreteria);
	await page.goto(`${suite.server.url}/tavoli/${UMBRIA}/documenti/${id}`);
	await page.getByRole('textbox', { name: 'Testo del documento' }).waitFor();
	await page.getByTestId('connection').getByText('Connesso').waitFor();
	return { page, context };
}

function paste(page: Page, text: string) {
	return page.evaluate((t) => {
		const el = document.querySelector('[data-testid="editor"] .ProseMirror')!;
		const data = new DataTransfer();
		data.setData('text/plain', t);
		el.dispatchEvent(
			new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
		);
	}, text);
}

describe('editor limits in the browser', () => {
	it('an oversized paste is refused at once with a message; a normal one goes through', async () => {
		const { page, context } = await openDoc('Incolla grande');
		const editor = page.getByRole('textbox', { name: 'Testo del documento' });
		await editor.locator('p').last().click();
		await paste(page, ('GRANDE ' + 'parola '.repeat(20) + '\n').repeat(800));
		const alert = page.getByTestId('too-large');
		await alert.waitFor({ timeout: 5000 });
		expect(await alert.textContent()).toMatch(/troppo grande.*Incollalo in più parti/s);
		expect(await editor.textContent()).not.toContain('GRANDE');
		// Nothing is waiting to be saved, and nothing was lost silently: the connection is fine.
		await page.getByTestId('saved').getByText('Tutte le modifiche salvate').waitFor();
		await page.getByRole('button', { name: 'Ho capito' }).click();
		await alert.waitFor({ state: 'detached' });

		await editor.locator('p').last().click();
		await paste(page, 'PICCOLO testo incollato');
		await expect.poll(() => editor.textContent()).toContain('PICCOLO');
		await page.getByTestId('saved').getByText('Tutte le modifiche salvate').waitFor();
		await context.close();
	}, 60_000);

	it('going offline shows at once, and coming back reconnects', async () => {
		const { page, context } = await openDoc('Rete');
		const t0 = Date.now();
		await context.setOffline(true);
		await page.getByTestId('connection').getByText('Offline').waitFor({ timeout: 3000 });
		expect(Date.now() - t0).toBeLessThan(3000);
		await context.setOffline(false);
		await page.getByTestId('connection').getByText('Connesso').waitFor({ timeout: 15_000 });
		await context.close();
	}, 60_000);

	it('a storage error shows "Modifiche non salvate", and "salvate" again once storage works', async () => {
		const { page, context } = await openDoc('Disco bloccato');
		const locker = spawn(
			process.execPath,
			[
				'-e',
				`const D = require('better-sqlite3'); const db = new D(process.argv[1]);
				 db.exec('BEGIN IMMEDIATE'); console.log('locked');
				 setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, 3000);`,
				suite.server.dbPath
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		await new Promise<void>((r) => locker.stdout!.once('data', () => r()));
		const editor = page.getByRole('textbox', { name: 'Testo del documento' });
		await editor.locator('p').last().click();
		await page.keyboard.type('Scritto durante il blocco');
		await page
			.getByTestId('saved')
			.getByText('Modifiche non salvate, nuovo tentativo in corso…')
			.waitFor({ timeout: 3000 });
		await page
			.getByTestId('saved')
			.getByText('Tutte le modifiche salvate')
			.waitFor({ timeout: 10_000 });
		await context.close();
	}, 60_000);
});
