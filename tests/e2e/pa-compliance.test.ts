// The accessibility feedback form in a real browser: usable with JavaScript off, and the new pages
// (form with its field errors, privacy notice, admin settings) free of axe-detectable WCAG 2.1 A/AA
// violations.
import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { browserSuite, signIn } from '../helpers/browser';
import { DEMO } from '../helpers/http';

const suite = browserSuite();

const axe = (page: import('playwright-core').Page) =>
	new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();

describe('browser: accessibility feedback', () => {
	it('works with JavaScript off: field errors, then the report is sent', async () => {
		const ctx = await suite.browser.newContext({ javaScriptEnabled: false });
		const page = await ctx.newPage();
		await page.goto(`${suite.server.url}/registro`);
		await page.getByRole('link', { name: 'Segnala un problema di accessibilità' }).click();
		await page.waitForURL(/\/accessibilita\?pagina=%2Fregistro/);
		await page.getByLabel('Il tuo indirizzo e-mail, per la risposta').fill('non-valido');
		await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
		await expect.poll(() => page.getByText('Indirizzo e-mail non valido').isVisible()).toBe(true);
		expect(await page.getByLabel('Pagina in cui hai trovato il problema').inputValue()).toBe(
			'/registro'
		);

		await page.getByLabel('Il tuo indirizzo e-mail, per la risposta').fill('maria@example.it');
		await page
			.getByLabel('Descrivi il problema')
			.fill('Il contrasto dei link nel piè di pagina è basso.');
		await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
		await expect
			.poll(() => page.getByText('la segnalazione è stata inviata').isVisible())
			.toBe(true);
		await ctx.close();
	}, 60_000);

	it('the form with its field errors, the privacy page and the admin settings pass axe', async () => {
		const ctx = await suite.browser.newContext();
		const page = await signIn(ctx, suite.server.url, DEMO.admin);
		const found: string[] = [];
		// (axe runs as a script in the page, so this part needs JavaScript on.)
		await page.goto(`${suite.server.url}/accessibilita`);
		await page.getByLabel('Il tuo indirizzo e-mail, per la risposta').fill('non-valido');
		await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
		await expect.poll(() => page.getByText('Indirizzo e-mail non valido').isVisible()).toBe(true);
		found.push(...(await axe(page)).violations.map((v) => `/accessibilita: ${v.id} ${v.help}`));
		for (const path of ['/privacy', '/admin/impostazioni']) {
			await page.goto(suite.server.url + path);
			found.push(...(await axe(page)).violations.map((v) => `${path}: ${v.id} ${v.help}`));
		}
		expect(found).toEqual([]);
		await ctx.close();
	}, 60_000);
});
