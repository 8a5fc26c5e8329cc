/**
 * Browser: the public scheda del tavolo (ADR 016) passes axe (WCAG 2.1 AA) in Italian and in
 * English and reflows at 320 px without sideways scrolling (WCAG 1.4.10); a signed-out click on
 * the tavolo's app address lands on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startServer, type TestServer } from '../helpers/server';
import { launch } from '../helpers/browser';
import { Client, DEMO, UMBRIA, signedIn } from '../helpers/http';
import { draftFields, recordAndPublish } from '../helpers/decisions';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launch()]);
	const seg: Client = await signedIn(server.url, DEMO.segreteria);
	// A long unbroken title is what breaks reflow first.
	await recordAndPublish(
		seg,
		draftFields({
			title: 'Approvazionedelprotocollodintesaperlintegrazionelavorativa dei lavoratori'
		})
	);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const overflow = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;

describe('browser: public scheda del tavolo', () => {
	it('a signed-out visitor of the tavolo lands on the scheda, which passes axe', async () => {
		for (const locale of ['it-IT', 'en-US']) {
			const ctx = await browser.newContext({ locale });
			const page = await ctx.newPage();
			if (locale === 'en-US') {
				await page.goto(`${server.url}/registro`);
				await page.getByLabel('Lingua').selectOption('en');
				await page.getByRole('button', { name: 'OK' }).click();
				await page.waitForLoadState('load');
			}
			await page.goto(`${server.url}/tavoli/${UMBRIA}`);
			expect(page.url()).toBe(`${server.url}/registro/${UMBRIA}`);
			await expect
				.poll(() => page.getByRole('heading', { level: 1 }).textContent())
				.toContain('Tavolo regionale per l’integrazione lavorativa');
			if (locale === 'en-US')
				expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toContain(
					'Public decisions'
				);
			const result = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
				.analyze();
			expect(
				result.violations.map((v) => `${v.id}: ${v.help}`),
				locale
			).toEqual([]);
			await ctx.close();
		}
	}, 60_000);

	it('reflows at 320 px: no sideways scrolling', async () => {
		const ctx = await browser.newContext({
			locale: 'it-IT',
			viewport: { width: 320, height: 640 }
		});
		const page = await ctx.newPage();
		await page.goto(`${server.url}/registro/${UMBRIA}`);
		await page.getByTestId('scheda-decisions').waitFor();
		expect(await page.evaluate(overflow)).toBeLessThanOrEqual(0);
		// Kept outside the server's directory for a person to look at after the run.
		const dir = join(tmpdir(), 'raccordo-screenshots');
		mkdirSync(dir, { recursive: true });
		const shot = await page.screenshot({ path: join(dir, 'scheda-320.png'), fullPage: true });
		expect(shot.byteLength).toBeGreaterThan(1000);
		await ctx.close();
	}, 60_000);
});
