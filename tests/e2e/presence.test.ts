/**
 * Presence follows the tavolo, not the component: the tavolo layout holds its live room, so
 * moving between the tavolo's pages keeps a person present, and leaving them (a client-side
 * navigation, no reload) takes them out at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server';
import { launch, signIn } from '../helpers/browser';
import { DEMO, UMBRIA } from '../helpers/http';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launch()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('browser: presence on a tavolo', () => {
	it('stays while someone moves between the tavolo’s pages and goes when they leave it', async () => {
		const a = await browser.newContext();
		const b = await browser.newContext();
		const giulia = await signIn(a, server.url, DEMO.segreteria);
		await giulia.goto(`${server.url}/tavoli/${UMBRIA}`);
		const presence = giulia.getByTestId('presence');
		await expect.poll(() => presence.getAttribute('data-connected')).toBe('true');

		const marco = await signIn(b, server.url, DEMO.componente);
		await marco.goto(`${server.url}/tavoli/${UMBRIA}`);
		await expect.poll(() => presence.textContent(), { timeout: 10_000 }).toContain('Marco Bellini');

		// A section of the same tavolo, reached in the app: still there for Giulia.
		await marco
			.getByRole('navigation', { name: 'Sezioni dello spazio di lavoro' })
			.getByRole('link', { name: 'Documenti' })
			.click();
		await marco.waitForURL(`${server.url}/tavoli/${UMBRIA}/documenti`);
		await new Promise((r) => setTimeout(r, 1000));
		expect(await presence.textContent()).toContain('Marco Bellini');

		// Out of the tavolo, without reloading the tab: gone at once.
		await marco
			.getByRole('navigation', { name: 'Percorso' })
			.first()
			.getByRole('link')
			.first()
			.click();
		await marco.waitForURL(`${server.url}/tavoli`);
		await expect.poll(() => presence.textContent(), { timeout: 5_000 }).toContain('Solo tu');
		await a.close();
		await b.close();
	});
});
