import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server';

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
