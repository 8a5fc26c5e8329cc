import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSuite } from '../helpers/browser';
import { DEMO, UMBRIA, signedIn } from '../helpers/http';
import { meetingWithAttendance } from '../helpers/decisions';

const suite = browserSuite();

/**
 * Signs in over HTTP (the login form has its own tests) and hands the session cookie to the
 * browser: typing into the login page of three tabs at once was flaky on two busy cores.
 */
async function signIn(context: BrowserContext, base: string, email: string): Promise<Page> {
	const client = await signedIn(base, email);
	await context.addCookies(
		[...client.cookies].map(([name, value]) => ({ name, value, url: base }))
	);
	const page = await context.newPage();
	await page.goto(`${base}/tavoli`);
	return page;
}

describe('register of decisions in the browser', () => {
	it('segreteria records and publishes from a meeting; the observer is notified live; the public finds and cites it', async () => {
		const seg = await signedIn(suite.server.url, DEMO.segreteria);
		const { meetingId } = await meetingWithAttendance(seg, 'Seduta plenaria di primavera', [
			'Marco Bellini',
			'Paolo Ricci'
		]);

		// The Ministry's observer (who follows the Umbria tavolo in the demo) keeps the notification centre open.
		const obsContext = await suite.browser.newContext({ locale: 'it-IT' });
		const observer = await signIn(obsContext, suite.server.url, DEMO.osservatore);
		await observer.goto(`${suite.server.url}/notifiche`);
		await observer.waitForLoadState('networkidle');

		// A componente keeps the tavolo's decision list open.
		const compContext = await suite.browser.newContext({ locale: 'it-IT' });
		const member = await signIn(compContext, suite.server.url, DEMO.componente);
		await member.goto(`${suite.server.url}/tavoli/${UMBRIA}/decisioni`);
		await member.waitForLoadState('networkidle');

		const segContext = await suite.browser.newContext({ locale: 'it-IT' });
		const page = await signIn(segContext, suite.server.url, DEMO.segreteria);
		await page.goto(`${suite.server.url}/tavoli/${UMBRIA}/decisioni`);
		await page.getByRole('link', { name: 'Registra una decisione' }).click();
		await page.getByLabel('Riunione in cui è stata assunta').selectOption(String(meetingId));
		await Promise.all([
			page.waitForURL(/riunione=\d+/),
			page.getByRole('button', { name: 'Scegli' }).click()
		]);
		await expect.poll(() => page.getByText('(2 presenti)').count()).toBe(1);
		await page.getByLabel('Punto all’ordine del giorno').selectOption({ index: 1 });
		await page
			.getByLabel('Titolo', { exact: true })
			.fill('Approvazione del Piano integrato – aggiornamento dei tirocini florovivaistici');
		await page
			.getByLabel('Testo della decisione')
			.fill(
				'Il Tavolo approva l’aggiornamento del Piano integrato per i tirocini nel settore florovivaistico.'
			);
		await page.getByLabel('Tipo', { exact: true }).selectOption('approvazione_piano');
		await page.getByLabel('Esito', { exact: true }).selectOption('approvata');
		await page.getByLabel('Chi può leggerla').selectOption('pubblica');
		await page.locator('label[for="voting-v"]').click(); // Bootstrap Italia draws its own radio over the input
		await page
			.getByLabel('Prefettura di Perugia – Sportello Unico per l’Immigrazione')
			.selectOption('favorevole');
		await page
			.getByLabel('Ispettorato Territoriale del Lavoro di Perugia')
			.selectOption('astenuto');
		await expect.poll(() => page.getByLabel('Comune di Perugia').count()).toBe(0); // not present: cannot vote
		await Promise.all([
			page.waitForURL(/\/decisioni\/\d+$/),
			page.getByRole('button', { name: 'Salva la bozza' }).click()
		]);
		await page.getByRole('button', { name: 'Pubblica la decisione' }).click();
		const flash = page.getByTestId('flash');
		await flash.waitFor();
		const ref = /numero (\d+\/\d{4})/.exec((await flash.textContent()) ?? '')![1];

		// Live, without reloading the observer's page.
		await observer
			.getByTestId('notification-list')
			.getByRole('link', {
				name: `Decisione ${ref} pubblicata: Approvazione del Piano integrato – aggiornamento dei tirocini florovivaistici`
			})
			.waitFor({ timeout: 10_000 });

		await member
			.getByTestId('live-announce')
			.getByText(`Nuova decisione pubblicata: ${ref}`)
			.waitFor({ timeout: 10_000 });
		expect(
			await member
				.getByRole('row', { name: new RegExp(`${ref}.*tirocini florovivaistici`) })
				.count()
		).toBe(1);

		// A signed-out visitor finds it in the public register and opens its citable page.
		const anon = await (await suite.browser.newContext({ locale: 'it-IT' })).newPage();
		await anon.goto(`${suite.server.url}/registro`);
		await anon.getByLabel('Cerca nel testo').fill('florovivaistici');
		await Promise.all([
			anon.waitForURL(/q=florovivaistici/),
			anon.getByRole('button', { name: 'Applica' }).click()
		]);
		await expect
			.poll(() => anon.getByTestId('register-count').textContent())
			.toBe('1 decisione trovata');
		await anon.getByRole('link', { name: /aggiornamento dei tirocini florovivaistici/ }).click();
		const [number, year] = ref.split('/');
		await anon.waitForURL(`${suite.server.url}/registro/${UMBRIA}/${year}/${number}`);
		expect(await anon.getByTestId('decision-ref').textContent()).toBe(ref);
		expect(await anon.getByRole('row', { name: /Prefettura di Perugia.*Favorevole/ }).count()).toBe(
			1
		);
	}, 180_000);
});
