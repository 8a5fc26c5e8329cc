import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { Client, DEMO, signedIn } from '../helpers/http';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ env: { LOGIN_RATE_ACCOUNT: '5' } });
});
afterAll(() => server?.stop());

describe('sign-in, sessions and passwords', () => {
	it('answers /healthz when the database is reachable', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ status: 'ok' });
	});

	it('signs in with the form action POST /login and shows "I miei tavoli"', async () => {
		const c = new Client(server.url);
		const res = await c.login(DEMO.segreteria);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/tavoli');
		const cookie = res.headers.getSetCookie().join('\n');
		expect(cookie).toMatch(/raccordo_session=[a-z2-7]{32}/);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/);
		const page = await (await c.get('/tavoli')).text();
		expect(page).toContain('Tavolo regionale per l’integrazione lavorativa dei migranti – Umbria');
		expect(page).not.toContain('Consiglio territoriale per l’immigrazione – Cagliari');
	});

	it('refuses a wrong password with a message and keeps the e-mail typed', async () => {
		const c = new Client(server.url);
		const res = await c.form('/login', { email: DEMO.componente2, password: 'sbagliata-123' });
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('E-mail o password non corretti.');
		expect(html).toContain(`value="${DEMO.componente2}"`);
		expect(c.cookies.size).toBe(0);
	});

	it('gives field messages in Italian for missing fields', async () => {
		const res = await new Client(server.url).form('/login', { email: '', password: '' });
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Indica il tuo indirizzo e-mail');
		expect(html).toContain('Indica la password');
	});

	it('rate-limits repeated failures on one account with a clear message', async () => {
		const c = new Client(server.url);
		for (let i = 0; i < 5; i++)
			await c.form('/login', { email: DEMO.supplente, password: `wrong-${i}-xxxxx` });
		const blocked = await c.form('/login', {
			email: DEMO.supplente,
			password: 'demo-password-test'
		});
		expect(blocked.status).toBe(429);
		expect(await blocked.text()).toMatch(
			/Troppi tentativi di accesso non riusciti\. Riprova tra \d+ minut/
		);
	});

	it('treats a malformed or unknown session cookie as signed out', async () => {
		for (const value of ['garbage', 'a'.repeat(32), '%%%']) {
			const res = await fetch(`${server.url}/tavoli`, {
				headers: { cookie: `raccordo_session=${value}` },
				redirect: 'manual'
			});
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/login?next=%2Ftavoli');
		}
	});

	it('logout invalidates the session on the server', async () => {
		const c = await signedIn(server.url, DEMO.componente);
		const stolen = c.cookieHeader;
		expect((await c.get('/tavoli')).status).toBe(200);
		expect((await c.form('/logout', {})).status).toBe(303);
		const replay = await fetch(`${server.url}/tavoli`, {
			headers: { cookie: stolen },
			redirect: 'manual'
		});
		expect(replay.status).toBe(303);
	});

	it('password change keeps the current session and ends the others', async () => {
		const a = await signedIn(server.url, DEMO.osservatore);
		const b = await signedIn(server.url, DEMO.osservatore);
		const wrong = await a.form('/account?/password', {
			current: 'nope-nope-nope',
			password: 'nuova-password-1',
			confirm: 'nuova-password-1'
		});
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('La password attuale non è corretta');
		const res = await a.form('/account?/password', {
			current: 'demo-password-test',
			password: 'nuova-password-1',
			confirm: 'nuova-password-1'
		});
		expect(res.status).toBe(200);
		expect((await a.get('/tavoli')).status).toBe(200);
		expect((await b.get('/tavoli')).status).toBe(303);
		const again = new Client(server.url);
		expect((await again.login(DEMO.osservatore, 'nuova-password-1')).status).toBe(303);
	});

	it('refuses a mutating JSON request from a foreign Origin', async () => {
		const c = await signedIn(server.url, DEMO.segreteria);
		const res = await c.json(
			'/logout',
			'POST',
			{},
			{ headers: { origin: 'https://evil.example' } }
		);
		expect(res.status).toBe(403);
	});
});

describe('language', () => {
	it('speaks Italian by default, English once chosen, and remembers the choice on the profile', async () => {
		const c = await signedIn(server.url, DEMO.componente2);
		expect(await (await c.get('/tavoli')).text()).toContain('<h1>I miei tavoli</h1>');
		const res = await c.form('/lingua', { locale: 'en', next: '/tavoli' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/tavoli');
		expect(await (await c.get('/tavoli')).text()).toContain('<h1>My tables</h1>');
		// A new session of the same person (another device) keeps English.
		const other = await signedIn(server.url, DEMO.componente2);
		const html = await (await other.get('/tavoli')).text();
		expect(html).toContain('<html lang="en">');
		expect(html).toContain('<h1>My tables</h1>');
	});

	it('never redirects off-site after switching language', async () => {
		const res = await new Client(server.url).form('/lingua', {
			locale: 'it',
			next: '//evil.example/x'
		});
		expect(res.headers.get('location')).toBe('/');
	});
});
