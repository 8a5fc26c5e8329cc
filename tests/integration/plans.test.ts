import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { CAGLIARI, DEMO, signedIn, UMBRIA } from '../helpers/http';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
});

const api = (slug: string) => `/tavoli/${slug}/piano/api`;

async function exportJson(email: string, slug = UMBRIA) {
	const c = await signedIn(server.url, email);
	const res = await c.get(`/tavoli/${slug}/piano/azioni.json`);
	expect(res.status).toBe(200);
	return (await res.json()) as {
		azioni: {
			id: string;
			titolo: string;
			budgetEur: number | null;
			budgetNonValido: string | null;
			fine: string | null;
			segnalazioni: { field: string; message: string }[];
			indicatori: { nome: string }[];
		}[];
	};
}

describe('piano di attività', () => {
	it('seeds the Umbria plan with the seven azioni of the Piano integrato, shown in the table', async () => {
		const c = await signedIn(server.url, DEMO.osservatore);
		const html = await (await c.get(`/tavoli/${UMBRIA}/piano`)).text();
		for (const n of ['I –', 'II –', 'III –', 'IV –', 'V –', 'VI –', 'VII –'])
			expect(html).toContain(n);
		expect(html).toContain('Sviluppo di un sistema di rete territoriale di servizi per i migranti');
		// An osservatore reads and is told so; no editing controls.
		expect(html).toContain('il tuo ruolo non consente di modificare');
		expect(html).not.toContain('Aggiungi azione');
	});

	it('cross-tavolo figures count only tavoli the user may read', async () => {
		// A member of the Umbria tavolo only: Umbria's figures, nothing from Cagliari.
		const umbria = await signedIn(server.url, DEMO.componente);
		const html = await (await umbria.get('/piani')).text();
		expect(html).toContain('Umbria');
		expect(html).not.toContain('Sardegna');
		expect(html).not.toContain('Consiglio territoriale');
		expect(html).toMatch(/7 azioni · budget 558\.000,00\s*€/);
		// A member of Cagliari only: the mirror image.
		const cagliari = await signedIn(server.url, DEMO.outsider);
		const h2 = await (await cagliari.get('/piani')).text();
		expect(h2).toContain('Sardegna');
		expect(h2).not.toContain('Umbria');
		expect(h2).toMatch(/2 azioni · budget 147\.000,00\s*€/);
		// The Ministry's observer on both sees both, summed.
		const ministry = await signedIn(server.url, DEMO.osservatore);
		const h3 = await (await ministry.get('/piani')).text();
		expect(h3).toMatch(/9 azioni · budget 705\.000,00\s*€/);
		expect(h3).toContain('Sardegna');
		expect(h3).toContain('Umbria');
		// Drill-down: from the FAMI row to the Umbria plan filtered on FAMI (three azioni of seven).
		expect(h3).toContain(`href="/tavoli/${UMBRIA}/piano?fondo=FAMI"`);
		const page = await (await ministry.get(`/tavoli/${UMBRIA}/piano?fondo=FAMI`)).text();
		const filtered = page.slice(
			page.indexOf('data-testid="plan-table"'),
			page.indexOf('</table>', page.indexOf('data-testid="plan-table"'))
		);
		expect(filtered).toContain('Azioni del piano (3 di 7)');
		expect(filtered).toContain('IV – Inserimento del mediatore interculturale negli Sportelli');
		expect(filtered).not.toContain('VII – Formazione per gli operatori degli sportelli');
	});

	it('refuses writes by an osservatore and hides a non-public plan from non-members', async () => {
		const obs = await signedIn(server.url, DEMO.osservatore);
		const res = await obs.json(api(UMBRIA), 'POST', { ops: [{ op: 'add', titolo: 'Tentativo' }] });
		expect(res.status).toBe(403);
		expect((await res.json()).error).toMatch(/non consentita/);
		const outsider = await signedIn(server.url, DEMO.componente);
		expect((await outsider.get(`/tavoli/${CAGLIARI}/piano`)).status).toBe(404);
		expect((await outsider.get(`/tavoli/${CAGLIARI}/piano/azioni.csv`)).status).toBe(404);
		expect(
			(await outsider.json(api(CAGLIARI), 'POST', { ops: [{ op: 'add', titolo: 'x' }] })).status
		).toBe(404);
		// Nothing was added by the refused osservatore.
		const data = await exportJson(DEMO.segreteria);
		expect(data.azioni.map((a) => a.titolo)).not.toContain('Tentativo');
	});

	it('keeps bad values in the document, flags them and leaves them out of totals', async () => {
		const c = await signedIn(server.url, DEMO.componente2);
		const add = await c.json(api(UMBRIA), 'POST', {
			ops: [{ op: 'add', titolo: 'Azione con errori' }]
		});
		expect(add.status).toBe(200);
		const [id] = (await add.json()).added as string[];
		const res = await c.json(api(UMBRIA), 'POST', {
			ops: [
				{ op: 'set', id, field: 'budget', value: 'circa 10 mila' },
				{ op: 'set', id, field: 'inizio', value: '2026-05-01' },
				{ op: 'set', id, field: 'fine', value: '2026-01-31' },
				{ op: 'set', id, field: 'capofila', value: 9999 },
				{
					op: 'indicator.add',
					id,
					nome: 'Utenti',
					unita: 'n.',
					baseline: '0',
					target: 'tanti',
					valore: '3'
				}
			]
		});
		expect(res.status).toBe(200);
		const data = await exportJson(DEMO.componente2);
		const a = data.azioni.find((x) => x.id === id)!;
		expect(a.budgetEur).toBeNull();
		expect(a.budgetNonValido).toBe('circa 10 mila');
		expect(a.fine).toBe('2026-01-31');
		const messages = a.segnalazioni.map((s) => s.message).join(' | ');
		expect(messages).toContain('non numerico: escluso dai totali');
		expect(messages).toContain('precede la data di inizio');
		expect(messages).toContain('Ente capofila sconosciuto');
		expect(messages).toContain('«tanti» non è un numero');
		// Totals unchanged, with a visible note.
		const html = await (await c.get(`/tavoli/${UMBRIA}/piano/panoramica`)).text();
		expect(html).toMatch(/budget complessivo <strong[^>]*>558\.000,00\s*€/);
		expect(html).toContain('1 importi non validi esclusi dai totali');
		// A negative amount is flagged too.
		await c.json(api(UMBRIA), 'POST', {
			ops: [{ op: 'set', id, field: 'budget', value: '-1.500,00' }]
		});
		const again = (await exportJson(DEMO.componente2)).azioni.find((x) => x.id === id)!;
		expect(again.segnalazioni.map((s) => s.message).join()).toContain('Importo negativo');
		// Malformed requests get a reason and change nothing.
		const bad = await c.json(api(UMBRIA), 'POST', {
			ops: [{ op: 'set', id, field: 'nonEsiste', value: 1 }]
		});
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toBeTruthy();
		const gone = await c.json(api(UMBRIA), 'POST', {
			ops: [{ op: 'set', id: 'a_inesistente', field: 'titolo', value: 'x' }]
		});
		expect(gone.status).toBe(404);
		expect((await gone.json()).error).toMatch(/Azione non trovata/);
		// Clean up for the other tests: the action is deleted from the document and the projection.
		await c.json(api(UMBRIA), 'POST', { ops: [{ op: 'remove', id }] });
		expect((await exportJson(DEMO.componente2)).azioni.find((x) => x.id === id)).toBeUndefined();
	});

	it('exports CSV for Italian spreadsheets and a print view with every action', async () => {
		const c = await signedIn(server.url, DEMO.segreteria);
		const res = await c.get(`/tavoli/${UMBRIA}/piano/azioni.csv`);
		expect(res.headers.get('content-type')).toContain('text/csv');
		const csv = await res.text();
		const lines = csv.trim().split('\r\n');
		expect(lines[0].replace('\ufeff', '').split(';').slice(0, 3)).toEqual([
			'id',
			'titolo',
			'descrizione'
		]);
		expect(lines).toHaveLength(8);
		expect(csv).toContain(';120000;');
		const print = await (await c.get(`/tavoli/${UMBRIA}/piano/stampa`)).text();
		expect(print).toContain('Stampa o salva in PDF');
		expect(print).toContain('7. VII – Formazione per gli operatori degli sportelli');
		expect(print).toContain('Proroghe: al');
		// The sections come from the same 'piano' document the documents editor writes.
		expect(print).toContain('Azioni propedeutiche');
	});

	it('lets the segreteria edit funding lines, refusing codes in use or duplicated', async () => {
		const seg = await signedIn(server.url, DEMO.segreteria);
		const page = await (await seg.get(`/tavoli/${UMBRIA}/piano/impostazioni`)).text();
		expect(page).toContain('Fondo Politiche Migratorie');
		expect(page).toContain('PRIMA – Validazione dei titoli conseguiti nei Paesi di origine');
		const dup = await seg.form(`/tavoli/${UMBRIA}/piano/impostazioni?/add`, {
			kind: 'fondo',
			code: 'FAMI',
			label: 'Doppione'
		});
		expect(await dup.text()).toContain('Questo codice è già in uso');
		const ok = await seg.form(`/tavoli/${UMBRIA}/piano/impostazioni?/add`, {
			kind: 'fondo',
			code: 'PNRR',
			label: 'PNRR – Missione 5'
		});
		expect(await ok.text()).toContain('Voce aggiunta');
		expect(await (await seg.get(`/tavoli/${UMBRIA}/piano/impostazioni`)).text()).toContain(
			'PNRR – Missione 5'
		);
		// A funding line still used by actions cannot go: the reason says how many.
		const settings = await (await seg.get(`/tavoli/${UMBRIA}/piano/impostazioni`)).text();
		const famiId =
			/<th scope="row">FAMI<\/th>\s*<td>\s*<form[^>]*>\s*<input type="hidden" name="id" value="(\d+)"/.exec(
				settings
			)?.[1];
		expect(famiId).toBeTruthy();
		const inUse = await seg.form(`/tavoli/${UMBRIA}/piano/impostazioni?/remove`, { id: famiId! });
		expect(await inUse.text()).toContain('Usata da 3 azioni');
		expect(await (await seg.get(`/tavoli/${UMBRIA}/piano/impostazioni`)).text()).toContain(
			'FAMI – Fondo Asilo, Migrazione e Integrazione'
		);
		const member = await signedIn(server.url, DEMO.componente);
		expect((await member.get(`/tavoli/${UMBRIA}/piano/impostazioni`)).status).toBe(403);
		const refused = await member.form(`/tavoli/${UMBRIA}/piano/impostazioni?/add`, {
			kind: 'fondo',
			code: 'X',
			label: 'Non mio'
		});
		expect(refused.status).toBe(403);
	});

	it('speaks English on every plan page once chosen', async () => {
		const obs = await signedIn(server.url, DEMO.osservatore);
		expect((await obs.form('/lingua', { locale: 'en', next: '/piani' })).status).toBe(303);
		try {
			const base = `/tavoli/${UMBRIA}/piano`;
			const table = await (await obs.get(base)).text();
			expect(table).toContain('Plan actions (7 of 7)');
			expect(table).toContain('Read only: your role does not allow editing the plan.');
			expect(table).not.toContain('Azioni del piano');
			const overview = await (await obs.get(`${base}/panoramica`)).text();
			expect(overview).toContain('Budget by funding line');
			expect(overview).not.toContain('Azioni per stato');
			expect(await (await obs.get(`${base}/cronologia`)).text()).toContain(
				'Timeline of the actions'
			);
			expect(await (await obs.get(`${base}/enti`)).text()).toContain('Budget of the actions led');
			expect(await (await obs.get(`${base}/stampa`)).text()).toContain('Print or save as PDF');
			const cross = await (await obs.get('/piani')).text();
			expect(cross).toContain('By funding line');
			expect(cross).not.toContain('Per linea di finanziamento');
		} finally {
			await obs.form('/lingua', { locale: 'it', next: '/piani' });
		}
	});
});
