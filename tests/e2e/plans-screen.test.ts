/**
 * Browser: the plan table fits the screen (no sideways scrolling at 1366 px or 320 px, WCAG
 * 1.4.10), a skip link reaches "Aggiungi azione", and a keystroke in the plan reaches another
 * member's open view over the Y.Doc only, without a reload of the page's data.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite, signIn } from '../helpers/browser';
import { DEMO, UMBRIA } from '../helpers/http';

const suite = browserSuite();

const overflow = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;

describe('plan table on any screen', () => {
	it(
		'never scrolls sideways at 1366 px or 320 px, details open included',
		{ timeout: 90_000 },
		async () => {
			const base = `${suite.server.url}/tavoli/${UMBRIA}/piano`;
			for (const width of [1366, 320]) {
				const ctx = await suite.browser.newContext({
					locale: 'it-IT',
					viewport: { width, height: 800 }
				});
				const page = await signIn(ctx, suite.server.url, DEMO.segreteria);
				await page.goto(base);
				await expect
					.poll(() => page.getByTestId('plan-connection').textContent(), { timeout: 15_000 })
					.toContain('Collegato');
				expect(await page.evaluate(overflow), `${width} px, table`).toBeLessThanOrEqual(0);
				await page
					.getByRole('button', { name: /Dettagli/ })
					.first()
					.click();
				await page.getByRole('button', { name: 'Elimina l’azione' }).waitFor();
				expect(await page.evaluate(overflow), `${width} px, details open`).toBeLessThanOrEqual(0);
				// Budget once, formatted: the input holds the Italian amount, no second copy beside it.
				const first = page.getByLabel(/^Budget in euro di «I –/);
				expect(await first.inputValue()).toMatch(/^\d{1,3}(\.\d{3})*(,\d+)?$/);
				await ctx.close();
			}
		}
	);

	it(
		'offers a skip link to the new-action form to keyboard users',
		{ timeout: 60_000 },
		async () => {
			const page = await signIn(
				await suite.browser.newContext({ locale: 'it-IT' }),
				suite.server.url,
				DEMO.componente
			);
			await page.goto(`${suite.server.url}/tavoli/${UMBRIA}/piano`);
			const skip = page.getByRole('link', { name: 'Vai a «Aggiungi azione»' });
			await skip.focus();
			await page.keyboard.press('Enter');
			await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-action');
		}
	);
});

describe('live plan', () => {
	it(
		'a keystroke reaches another member’s open view over Yjs, with no reload of its data',
		{ timeout: 90_000 },
		async () => {
			const base = `${suite.server.url}/tavoli/${UMBRIA}/piano`;
			const marco = await signIn(
				await suite.browser.newContext({ locale: 'it-IT' }),
				suite.server.url,
				DEMO.componente
			);
			const paolo = await signIn(
				await suite.browser.newContext({ locale: 'it-IT' }),
				suite.server.url,
				DEMO.componente2
			);
			await Promise.all([marco.goto(base), paolo.goto(`${base}/cronologia`)]);
			for (const p of [marco, paolo])
				await expect
					.poll(() => p.getByTestId('plan-connection').textContent(), { timeout: 15_000 })
					.toContain('Collegato');
			const reloads: string[] = [];
			paolo.on('request', (r) => {
				if (r.url().includes('__data.json')) reloads.push(r.url());
			});
			const title = 'I – Rete territoriale dei servizi, titolo rivisto';
			const input = marco.getByLabel('Titolo').first();
			await input.fill(title);
			await input.press('Tab');
			await expect
				.poll(() => paolo.getByTestId('timeline-table').textContent(), { timeout: 10_000 })
				.toContain(title);
			// Past the server's debounced projection refresh and its 'plan:changed': still no reload.
			await paolo.waitForTimeout(1500);
			expect(reloads).toEqual([]);
		}
	);
});
