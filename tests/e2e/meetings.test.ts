import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, UMBRIA, signedIn } from '../helpers/http';
import { browserSuite } from '../helpers/browser';
import { AxeBuilder } from '@axe-core/playwright';
import { romeParts } from '../../src/lib/rome';

const suite = browserSuite();

async function as(email: string): Promise<Page> {
	// Signed in through the real login form action (by HTTP), then the session cookie is handed to
	// the browser: the login page itself is covered by the auth tests, and on a busy machine typing
	// into it before hydration is a source of flakiness this test does not need.
	const client = await signedIn(suite.server.url, email);
	const context = await suite.browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
	await context.addCookies(
		[...client.cookies].map(([name, value]) => ({ name, value, url: suite.server.url }))
	);
	const page = await context.newPage();
	await page.goto(`${suite.server.url}/tavoli`, { waitUntil: 'networkidle' });
	return page;
}

describe('riunioni in the browser', () => {
	it(
		'convene → RSVP → attendance reaches quorum live → verbale pre-filled, edited, circulated, approved, read-only',
		{ timeout: 120_000 },
		async () => {
			const giulia = await as(DEMO.segreteria);
			giulia.on('dialog', (d) => void d.accept());
			await giulia.goto(`${suite.server.url}/tavoli/${UMBRIA}/riunioni`);

			// A meeting starting in a few minutes (Rome time), so it can be held within the test.
			const s = romeParts(new Date(Date.now() + 5 * 60000));
			const e = romeParts(new Date(Date.now() + 65 * 60000));
			await giulia.getByLabel('Titolo').fill('Riunione straordinaria sul Piano integrato');
			await giulia.getByLabel('Data (ora italiana)').fill(s.date);
			await giulia.getByLabel('Ora di inizio').fill(s.time);
			await giulia.getByLabel('Ora di fine').fill(e.time);
			if (e.date !== s.date) await giulia.getByLabel('Data di fine, se diversa').fill(e.date);
			await giulia.getByLabel('Modalità').selectOption('presenza');
			await giulia.getByLabel('Luogo').fill('Palazzo Donini, Perugia');
			await giulia.getByRole('button', { name: 'Crea la bozza' }).click();
			await giulia.waitForURL(/\/riunioni\/\d+/);
			const meetingUrl = giulia.url().split('?')[0];
			await expect.poll(() => giulia.getByTestId('meeting-status').textContent()).toBe('Bozza');

			for (const title of [
				'Approvazione del verbale precedente',
				'Avviso PRIMA: stato di avanzamento'
			]) {
				await giulia.locator('#add-atitle').fill(title);
				await giulia.getByRole('button', { name: 'Aggiungi il punto' }).click();
				await expect.poll(() => giulia.getByTestId('agenda').textContent()).toContain(title);
			}
			await giulia.getByRole('button', { name: 'Convoca la riunione' }).click();
			await expect.poll(() => giulia.getByTestId('meeting-status').textContent()).toBe('Convocata');

			// A componente answers the convocation (the bell told them).
			const paolo = await as(DEMO.componente2);
			await paolo.goto(meetingUrl, { waitUntil: 'networkidle' });
			// Bootstrap Italia draws its own radio: the person clicks the label.
			await paolo.locator('label[for="rsvp-partecipo"]').click();
			await expect
				.poll(() => paolo.getByLabel('Partecipo', { exact: true }).isChecked())
				.toBe(true);
			await paolo.getByRole('button', { name: 'Invia la risposta' }).click();
			await expect.poll(() => paolo.getByTestId('my-rsvp').textContent()).toBe('Partecipo');
			// WCAG 2.1 AA on the meeting page, for the componente and for the segreteria.
			for (const page of [paolo, giulia]) {
				const axe = await new AxeBuilder({ page })
					.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
					.analyze();
				expect(
					axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
				).toEqual([]);
			}
			// The segreteria's page shows the answer without reloading.
			await expect
				.poll(() => giulia.getByTestId('by-ente').textContent(), { timeout: 10_000 })
				.toContain('Paolo Ricci (titolare): Partecipo');

			// Attendance: the quorum indicator on the componente's page moves live to "raggiunto".
			const quorum = paolo.getByTestId('quorum');
			await expect.poll(() => quorum.textContent()).toContain('Quorum non raggiunto');
			for (const name of ['Marco Bellini', 'Sara Conti', 'Paolo Ricci', 'Elena Marchi']) {
				await giulia.getByRole('button', { name: `Presente: ${name}` }).click();
				await expect
					.poll(() =>
						giulia.getByRole('button', { name: `Presente: ${name}` }).getAttribute('aria-pressed')
					)
					.toBe('true');
			}
			await expect
				.poll(() => quorum.textContent(), { timeout: 10_000 })
				.toContain('3 enti presenti su 6');
			await giulia.getByRole('button', { name: 'Collegato da remoto: Luca Gallo' }).click();
			await expect
				.poll(() => quorum.getAttribute('data-reached'), { timeout: 10_000 })
				.toBe('true');
			expect(await quorum.textContent()).toContain('Quorum raggiunto');
			expect(await quorum.textContent()).toContain('4 enti presenti su 6');

			// Held → the verbale, pre-filled from the meeting.
			await giulia.getByRole('button', { name: 'Segna come svolta' }).click();
			await expect.poll(() => giulia.getByTestId('meeting-status').textContent()).toBe('Svolta');
			await giulia.getByRole('button', { name: 'Crea il verbale' }).click();
			await expect.poll(() => giulia.getByTestId('minutes-status').textContent()).toBe('Bozza');
			await Promise.all([
				giulia.waitForURL(/\/documenti\//),
				giulia.getByRole('link', { name: 'Apri il verbale (modifica condivisa)' }).click()
			]);
			const verbaleUrl = giulia.url();
			const editor = giulia.getByRole('textbox', { name: 'Testo del documento' });
			await giulia.getByTestId('connection').getByText('Connesso').waitFor();
			// The badge turns to "Connesso" at the socket's open; the text arrives with the sync after.
			await expect
				.poll(() => editor.textContent())
				.toContain('Riunione straordinaria sul Piano integrato');
			const prefilled = await editor.textContent();
			expect(prefilled).toContain(
				'Prefettura di Perugia – Sportello Unico per l’Immigrazione: Marco Bellini (titolare), presente; Sara Conti (supplente), presente'
			);
			expect(prefilled).toContain('USL Umbria 1: Luca Gallo (titolare), collegato da remoto');
			expect(prefilled).toContain('1. Approvazione del verbale precedente');
			expect(prefilled).toContain('2. Avviso PRIMA: stato di avanzamento');

			// Edited: the outcome of the first item.
			await editor.locator('p', { hasText: 'Esito:' }).first().click();
			await giulia.keyboard.press('End');
			await giulia.keyboard.type(' approvato all’unanimità.');
			await expect.poll(() => editor.textContent()).toContain('approvato all’unanimità.');
			await expect
				.poll(() => giulia.getByTestId('saved').textContent(), { timeout: 10_000 })
				.toBe('Tutte le modifiche salvate');

			// Circulated, then approved.
			await giulia.goto(meetingUrl);
			await giulia.getByRole('button', { name: 'Metti in approvazione' }).click();
			await expect
				.poll(() => giulia.getByTestId('minutes-status').textContent())
				.toBe('In approvazione');
			await giulia.getByRole('button', { name: 'Approva il verbale' }).click();
			await expect.poll(() => giulia.getByTestId('minutes-status').textContent()).toBe('Approvato');
			expect(await giulia.getByTestId('minutes-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
			await expect
				.poll(() => giulia.getByTestId('meeting-status').textContent())
				.toBe('Verbale approvato');

			// Frozen: nobody can type into it any more, not even the segreteria.
			await giulia.goto(verbaleUrl);
			const frozen = giulia.getByRole('textbox', { name: 'Testo del documento' });
			await expect.poll(() => frozen.textContent()).toContain('approvato all’unanimità.');
			await expect.poll(() => frozen.getAttribute('contenteditable')).toBe('false');
			const before = await frozen.textContent();
			await frozen.click();
			await giulia.keyboard.type('modifica non consentita');
			await new Promise((r) => setTimeout(r, 500));
			expect(await frozen.textContent()).toBe(before);
			await giulia.context().close();
			await paolo.context().close();
		}
	);
});
