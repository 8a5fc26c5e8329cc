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

/** Signs in through the real login form and lands on "I miei tavoli". */
export async function signIn(context: BrowserContext, base: string, email: string): Promise<Page> {
	const page = await context.newPage();
	await page.goto(`${base}/login`);
	await page.getByLabel('Indirizzo e-mail').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await Promise.all([page.waitForURL(`${base}/tavoli`), page.getByRole('button', { name: 'Accedi' }).click()]);
	return page;
}
