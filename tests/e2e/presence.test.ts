/**
 * Presence follows the tavolo, not the component: the tavolo layout holds its live room, so
 * moving between the tavolo's pages keeps a person present, and leaving them (a client-side
 * navigation, no reload) takes them out at once.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite, signIn } from '../helpers/browser';
import { DEMO, UMBRIA } from '../helpers/http';

const suite = browserSuite();

describe('browser: presence on a tavolo', () => {
	it('stays while someone moves between the tavolo’s pages and goes when they leave it', async () => {
		const a = await suite.browser.newContext();
		const b = await suite.browser.newContext();
		const giulia = await signIn(a, suite.server.url, DEMO.segreteria);
		await giulia.goto(`${suite.server.url}/tavoli/${UMBRIA}`);
		const presence = giulia.getByTestId('presence');
		await expect.poll(() => presence.getAttribute('data-connected')).toBe('true');

		const marco = await signIn(b, suite.server.url, DEMO.componente);
		await marco.goto(`${suite.server.url}/tavoli/${UMBRIA}`);
		await expect.poll(() => presence.textContent(), { timeout: 10_000 }).toContain('Marco Bellini');

		// A section of the same tavolo, reached in the app: still there for Giulia.
		await marco
			.getByRole('navigation', { name: 'Sezioni dello spazio di lavoro' })
			.getByRole('link', { name: 'Documenti' })
			.click();
		await marco.waitForURL(`${suite.server.url}/tavoli/${UMBRIA}/documenti`);
		await new Promise((r) => setTimeout(r, 1000));
		expect(await presence.textContent()).toContain('Marco Bellini');

		// Out of the tavolo, without reloading the tab: gone at once.
		await marco
			.getByRole('navigation', { name: 'Percorso' })
			.first()
			.getByRole('link')
			.first()
			.click();
		await marco.waitForURL(`${suite.server.url}/tavoli`);
		await expect.poll(() => presence.textContent(), { timeout: 5_000 }).toContain('Solo tu');
		await a.close();
		await b.close();
	});
});
