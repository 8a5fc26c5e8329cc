import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD, startServer, type TestServer } from './server';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-quic',
			'--no-first-run'
		]
	});
}

/** Navigates and waits until the app has hydrated, so typed input is not reset by hydration. */
export async function gotoReady(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.waitForSelector('html[data-hydrated="true"]');
}

/** Signs in through the real login form and lands on "I miei tavoli". */
export async function signIn(context: BrowserContext, base: string, email: string): Promise<Page> {
	const page = await context.newPage();
	await gotoReady(page, `${base}/login`);
	await page.getByLabel('Indirizzo e-mail').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await Promise.all([
		page.waitForURL(`${base}/tavoli`),
		page.getByRole('button', { name: 'Accedi' }).click()
	]);
	return page;
}

/**
 * One server and one browser for a test file, started together before its tests (they are the
 * slowest part of a browser test) and closed after them. Call it at the top of the file and read
 * `suite.server` and `suite.browser` inside the tests.
 */
export function browserSuite(opts?: Parameters<typeof startServer>[0]): {
	server: TestServer;
	browser: Browser;
} {
	const suite = {} as { server: TestServer; browser: Browser };
	beforeAll(async () => {
		[suite.server, suite.browser] = await Promise.all([startServer(opts), launch()]);
	});
	afterAll(async () => {
		await suite.browser?.close();
		await suite.server?.stop();
	});
	return suite;
}
