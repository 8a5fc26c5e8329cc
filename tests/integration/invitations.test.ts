import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { Client, DEMO, signedIn, UMBRIA } from '../helpers/http';

let server: TestServer;
let segreteria: Client;
beforeAll(async () => {
	server = await startServer();
	segreteria = await signedIn(server.url, DEMO.segreteria);
});
afterAll(() => server?.stop());

async function invite(email: string, extra: Record<string, string> = {}): Promise<string> {
	const res = await segreteria.form(`/tavoli/${UMBRIA}/membri?/invite`, {
		email,
		name: '',
		enteId: '4',
		role: 'componente',
		representation: 'supplente',
		...extra
	});
	expect(res.status).toBe(200);
	const m = /value="(http[^"]+\/invito\/[a-z2-7]{32})"/.exec(await res.text());
	expect(m).not.toBeNull();
	return new URL(m![1]).pathname;
}

describe('invitations', () => {
	it('a new person sets a password through the link, joins the tavolo and is signed in', async () => {
		const path = await invite('nuova.persona@comune.perugia.it');
		const guest = new Client(server.url);
		const page = await (await guest.get(path)).text();
		expect(page).toContain('Tavolo regionale per l’integrazione lavorativa dei migranti – Umbria');
		expect(page).toContain('Comune di Perugia');

		const weak = await guest.form(path, {
			name: 'Nuova Persona',
			password: 'corta',
			confirm: 'corta'
		});
		expect(weak.status).toBe(400);
		const weakHtml = await weak.text();
		expect(weakHtml).toContain('La password deve avere almeno 10 caratteri');
		expect(weakHtml).toContain('value="Nuova Persona"');

		const ok = await guest.form(path, {
			name: 'Nuova Persona',
			password: 'una-password-sicura',
			confirm: 'una-password-sicura'
		});
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe(`/tavoli/${UMBRIA}`);
		const mine = await (await guest.get('/tavoli')).text();
		expect(mine).toContain('Tavolo regionale per l’integrazione lavorativa');
		expect(mine).toContain('supplente');

		// Single use: the same link now explains itself and adds nobody.
		const again = await (await new Client(server.url).get(path)).text();
		expect(again).toContain('Questo invito è già stato usato');
		const reuse = await new Client(server.url).form(path, {
			name: 'Altro',
			password: 'altra-password-1',
			confirm: 'altra-password-1'
		});
		expect(reuse.status).toBe(400);
		expect(await reuse.text()).toContain('già stato usato');
	});

	it('an expired invitation says so', async () => {
		const path = await invite('in.ritardo@asl.it');
		const db = new Database(server.dbPath);
		db.prepare("UPDATE invitations SET expires_at = 0 WHERE email = 'in.ritardo@asl.it'").run();
		db.close();
		const page = await (await new Client(server.url).get(path)).text();
		expect(page).toContain('Questo invito è scaduto');
	});

	it('a revoked invitation says so', async () => {
		const path = await invite('revocata@asl.it');
		const db = new Database(server.dbPath, { readonly: true });
		const { id } = db
			.prepare("SELECT id FROM invitations WHERE email = 'revocata@asl.it'")
			.get() as { id: number };
		db.close();
		expect(
			(await segreteria.form(`/tavoli/${UMBRIA}/membri?/revoke`, { invitationId: String(id) }))
				.status
		).toBe(200);
		expect(await (await new Client(server.url).get(path)).text()).toContain('revocato');
	});

	it('a garbled link is simply invalid', async () => {
		const page = await (await new Client(server.url).get('/invito/zzz')).text();
		expect(page).toContain('Il link di invito non è valido');
	});

	it('an existing account must sign in to accept: the link alone never opens it', async () => {
		const path = await invite(DEMO.outsiderComponente, { role: 'osservatore', representation: '' });
		const stranger = new Client(server.url);
		const res = await stranger.form(path, {
			name: 'x',
			password: 'qualunque-cosa',
			confirm: 'qualunque-cosa'
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Accedi come');
		expect(stranger.cookies.size).toBe(0);
		const owner = await signedIn(server.url, DEMO.outsiderComponente);
		const ok = await owner.form(path, {});
		expect(ok.status).toBe(303);
		expect((await owner.get(`/tavoli/${UMBRIA}`)).status).toBe(200);
		expect(await (await owner.get('/tavoli')).text()).toContain('Osservatore');
	});

	it('validates the invitation form with field messages', async () => {
		const res = await segreteria.form(`/tavoli/${UMBRIA}/membri?/invite`, {
			email: 'non-una-mail',
			enteId: '',
			role: 'componente',
			representation: ''
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Indirizzo e-mail non valido');
		expect(html).toContain('Scegli l’ente');
		expect(html).toContain('value="non-una-mail"');
	});
});

describe('members', () => {
	it('the segreteria changes a role and cannot remove the last segreteria', async () => {
		const db = new Database(server.dbPath, { readonly: true });
		const row = (email: string) =>
			db
				.prepare(
					'SELECT m.id, m.role, m.representation FROM memberships m JOIN users u ON u.id = m.user_id JOIN tavoli t ON t.id = m.tavolo_id WHERE u.email = ? AND t.slug = ?'
				)
				.get(email, UMBRIA) as { id: number; role: string; representation: string };
		const marco = row(DEMO.componente);
		const noRep = await segreteria.form(`/tavoli/${UMBRIA}/membri?/update`, {
			membershipId: String(marco.id),
			enteId: '2',
			role: 'componente',
			representation: ''
		});
		expect(noRep.status).toBe(400);
		expect(await noRep.text()).toContain('titolare o supplente');
		expect(row(DEMO.componente).representation).toBe('titolare');

		const giulia = row(DEMO.segreteria);
		const last = await segreteria.form(`/tavoli/${UMBRIA}/membri?/remove`, {
			membershipId: String(giulia.id)
		});
		expect(last.status).toBe(400);
		expect(await last.text()).toContain('almeno una persona in segreteria');
		expect(row(DEMO.segreteria).role).toBe('segreteria');
		db.close();
	});
});
