/**
 * Browser: a member adds an action with an indicator in the plan's table, by keyboard; a second
 * member sees it appear live in the timeline, and the overview's budget by fund moves.
 */
import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { browserSuite, signIn } from '../helpers/browser';
import { DEMO, UMBRIA } from '../helpers/http';

const suite = browserSuite();

describe('piano di attività in the browser', () => {
	it(
		'an action added in the table appears live in another member’s timeline and overview',
		{ timeout: 90_000 },
		async () => {
			const base = `${suite.server.url}/tavoli/${UMBRIA}/piano`;
			const marco = await signIn(
				await suite.browser.newContext({ locale: 'it-IT' }),
				suite.server.url,
				DEMO.componente
			);
			const paoloCtx = await suite.browser.newContext({ locale: 'it-IT' });
			const paolo = await signIn(paoloCtx, suite.server.url, DEMO.componente2);
			const overview = await paoloCtx.newPage();

			await Promise.all([
				marco.goto(base),
				paolo.goto(`${base}/cronologia`),
				overview.goto(`${base}/panoramica`)
			]);
			for (const p of [marco, paolo, overview])
				await expect
					.poll(() => p.getByTestId('plan-connection').textContent(), { timeout: 15_000 })
					.toContain('Collegato');

			const fami = overview.getByTestId('budget-by-fund').getByRole('row', { name: /FAMI/ });
			await expect.poll(() => fami.textContent()).toContain('295.000,00');
			const title = 'Orientamento al lavoro per i titolari di protezione';
			await expect
				.poll(() => paolo.getByTestId('timeline-table').textContent())
				.not.toContain(title);

			// Marco, by keyboard: title, Enter; then dates, budget, fund; then an indicator.
			await marco.getByLabel('Titolo della nuova azione').fill(title);
			await marco.getByLabel('Titolo della nuova azione').press('Enter');
			const start = marco.getByLabel(`Data di inizio di «${title}»`);
			await start.waitFor();
			await start.fill('2026-01-01');
			await start.press('Tab');
			const end = marco.getByLabel(`Data di fine di «${title}»`);
			await end.fill('2026-12-31');
			await end.press('Tab');
			await marco
				.getByLabel(`Linea di finanziamento di «${title}»`)
				.selectOption({ label: 'FAMI – Fondo Asilo, Migrazione e Integrazione' });
			const budget = marco.getByLabel(`Budget in euro di «${title}»`);
			await budget.fill('30.000');
			await budget.press('Tab');
			const details = marco
				.locator('form', { has: marco.getByRole('button', { name: 'Aggiungi indicatore' }) })
				.filter({ has: marco.getByLabel('Nome dell’indicatore') });
			await details.getByLabel('Nome dell’indicatore').fill('Persone orientate');
			await details.getByLabel('Unità').fill('n.');
			await details.getByLabel('Partenza').fill('0');
			await details.getByLabel('Obiettivo').fill('200');
			await details.getByLabel('Valore attuale').fill('15');
			await details.getByLabel('Valore attuale').press('Enter');
			await expect
				.poll(() => marco.getByRole('table', { name: `Indicatori di «${title}»` }).textContent())
				.toContain('Persone orientate');

			// Paolo, without reloading: the new action is in the timeline (chart and its table).
			await expect
				.poll(() => paolo.getByTestId('timeline-table').textContent(), { timeout: 10_000 })
				.toContain(title);
			await expect
				.poll(() => paolo.getByTestId('timeline-bar').filter({ hasText: /./ }).count())
				.toBeGreaterThanOrEqual(8);
			// …and the overview's budget by fund moved by 30.000 €, with the indicator listed.
			await expect.poll(() => fami.textContent(), { timeout: 10_000 }).toContain('325.000,00');
			await expect
				.poll(() => overview.getByRole('table', { name: /Indicatori con partenza/ }).textContent())
				.toContain('Persone orientate');

			// The server's projection has it too (a fresh load, not the live copy).
			await expect
				.poll(
					async () => {
						const res = await marco.request.get(`${base}/azioni.json`);
						const data = (await res.json()) as {
							azioni: { titolo: string; budgetEur: number; indicatori: { nome: string }[] }[];
						};
						const a = data.azioni.find((x) => x.titolo === title);
						return a ? `${a.budgetEur} ${a.indicatori.map((i) => i.nome).join()}` : 'assente';
					},
					{ timeout: 10_000 }
				)
				.toBe('30000 Persone orientate');
		}
	);

	it(
		'every view of the plan and the cross-tavolo page pass axe (WCAG 2.1 A/AA)',
		{ timeout: 90_000 },
		async () => {
			const page = await signIn(
				await suite.browser.newContext({ locale: 'it-IT' }),
				suite.server.url,
				DEMO.segreteria
			);
			const base = `${suite.server.url}/tavoli/${UMBRIA}/piano`;
			const found: string[] = [];
			for (const url of [
				base,
				`${base}/cronologia`,
				`${base}/enti`,
				`${base}/panoramica`,
				`${base}/stampa`,
				`${base}/impostazioni`,
				`${suite.server.url}/piani`
			]) {
				await page.goto(url);
				if (url.includes('/piano'))
					await expect
						.poll(() => page.getByTestId('plan-connection').textContent())
						.toContain('Collegato');
				// The table with one action's details open: indicators, proroghe and partners too.
				if (url === base)
					await page
						.getByRole('button', { name: /Dettagli/ })
						.first()
						.click();
				const r = await new AxeBuilder({ page })
					.include('main')
					.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
					.analyze();
				for (const v of r.violations)
					found.push(
						`${url.replace(suite.server.url, '')}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
					);
			}
			expect(found).toEqual([]);
		}
	);
});
