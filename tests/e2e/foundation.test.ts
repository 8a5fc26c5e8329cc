import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { gotoReady, browserSuite, signIn } from '../helpers/browser';
import { DEMO, UMBRIA } from '../helpers/http';

const suite = browserSuite();

describe('browser: the foundation', () => {
	it('signs in, opens a tavolo, sees a second signed-in user appear in presence, signs out', async () => {
		const a = await suite.browser.newContext();
		const b = await suite.browser.newContext();
		const giulia = await signIn(a, suite.server.url, DEMO.segreteria);
		await expect
			.poll(() => giulia.getByRole('heading', { level: 1 }).textContent())
			.toBe('I miei tavoli');
		await giulia.getByRole('link', { name: /integrazione lavorativa dei migranti/ }).click();
		await giulia.waitForURL(`${suite.server.url}/tavoli/${UMBRIA}`);
		await expect.poll(() => giulia.getByText('Marco Bellini').first().isVisible()).toBe(true);
		const presence = giulia.getByTestId('presence');
		await expect.poll(() => presence.textContent()).toContain('Solo tu');

		const marco = await signIn(b, suite.server.url, DEMO.componente);
		await marco.goto(`${suite.server.url}/tavoli/${UMBRIA}`);
		await expect.poll(() => presence.textContent(), { timeout: 10_000 }).toContain('Marco Bellini');
		await expect
			.poll(() => marco.getByTestId('presence').textContent(), { timeout: 10_000 })
			.toContain('Giulia Ferretti');

		// Marco leaves: Giulia sees it without reloading.
		await marco.goto(`${suite.server.url}/tavoli`);
		await expect.poll(() => presence.textContent(), { timeout: 10_000 }).toContain('Solo tu');

		await giulia.getByRole('button', { name: 'Esci' }).click();
		await giulia.waitForURL(`${suite.server.url}/login`);
		await giulia.goto(`${suite.server.url}/tavoli`);
		expect(new URL(giulia.url()).pathname).toBe('/login');
		await a.close();
		await b.close();
	});

	it('shows a field message in Italian and keeps the e-mail on a failed sign-in', async () => {
		const ctx = await suite.browser.newContext();
		const page = await ctx.newPage();
		await gotoReady(page, `${suite.server.url}/login`);
		await page.getByLabel('Indirizzo e-mail').fill('non-esiste@ente.it');
		await page.getByLabel('Password').fill('una-password-qualsiasi');
		await page.getByRole('button', { name: 'Accedi' }).click();
		await expect
			.poll(() => page.getByRole('alert').textContent())
			.toContain('E-mail o password non corretti.');
		expect(await page.getByLabel('Indirizzo e-mail').inputValue()).toBe('non-esiste@ente.it');
		await ctx.close();
	});

	it('the main pages have no WCAG 2.1 A/AA violations that axe can detect', async () => {
		const ctx = await suite.browser.newContext();
		const anon = await ctx.newPage();
		const pages: string[] = [];
		await anon.goto(`${suite.server.url}/login`);
		const results = [
			await new AxeBuilder({ page: anon })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
				.analyze()
		];
		pages.push('/login');
		const page = await signIn(ctx, suite.server.url, DEMO.segreteria);
		for (const path of [
			'/tavoli',
			`/tavoli/${UMBRIA}`,
			`/tavoli/${UMBRIA}/membri`,
			'/account',
			'/notifiche'
		]) {
			await page.goto(suite.server.url + path);
			results.push(
				await new AxeBuilder({ page })
					.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
					.analyze()
			);
			pages.push(path);
		}
		const violations = results.flatMap((r, i) =>
			r.violations.map((v) => `${pages[i]}: ${v.id} (${v.nodes.length}) ${v.help}`)
		);
		expect(violations).toEqual([]);
		await ctx.close();
	}, 120_000); // axe over a dozen pages: slow on a busy two-core machine
});
