// The decisions pages, the public register and the publication notice speak the reader's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type TestServer } from '../helpers/server';
import { Client, DEMO, UMBRIA, signedIn } from '../helpers/http';
import { draftFields, recordAndPublish } from '../helpers/decisions';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

function db<T>(fn: (d: Database.Database) => T): T {
	const d = new Database(server.dbPath);
	try {
		return fn(d);
	} finally {
		d.close();
	}
}

describe('decisions in English', () => {
	it('pages, form labels and the publication notice follow the person’s language', async () => {
		db((d) => d.prepare("UPDATE users SET locale = 'en' WHERE email = ?").run(DEMO.componente));
		const en = await signedIn(server.url, DEMO.componente);
		const seg = await signedIn(server.url, DEMO.segreteria);
		const list = await (await en.get(`/tavoli/${UMBRIA}/decisioni`)).text();
		expect(list).toContain('Decisions of the table that your role lets you read');
		expect(list).toContain('Follow the decisions');
		expect(list).not.toContain('Segui le decisioni');
		expect(list).not.toContain('Nessuna decisione');

		const follow = await en.form(`/tavoli/${UMBRIA}/decisioni?/follow`, {});
		expect(follow.status).toBe(200);
		const { id, ref } = await recordAndPublish(
			seg,
			draftFields({ title: 'Parere in due lingue', visibility: 'membri' })
		);
		const page = await (await en.get(`/tavoli/${UMBRIA}/decisioni/${id}`)).text();
		expect(page).toContain('Members of the table');
		expect(page).toContain('Decision taken by consensus.');
		const notice = db(
			(d) =>
				d
					.prepare(
						'SELECT n.title, n.body FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = ? ORDER BY n.id DESC LIMIT 1'
					)
					.get(DEMO.componente) as { title: string; body: string }
		);
		expect(notice.title).toBe(`Decision ${ref} published: Parere in due lingue`);
		expect(notice.body).toMatch(/ — Approved$/);
	});

	it('the public register in English for a visitor who chose it', async () => {
		const c = new Client(server.url);
		c.cookies.set('lang', 'en');
		const html = await (await c.get('/registro')).text();
		expect(html).toContain('Register of decisions');
		expect(html).toContain('Filter the decisions');
		expect(html).not.toContain('Tutti');
		const it = await (await fetch(`${server.url}/registro`)).text();
		expect(it).toContain('Registro delle decisioni');
	});
});
