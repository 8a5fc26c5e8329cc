/**
 * Sign-in and the "current password" check are throttled by progressive delay per account and
 * network address (OWASP), never by locking the account: guesses from one place do not shut the
 * person out from another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, DEMO_PASSWORD, type TestServer } from '../helpers/server';
import { Client, DEMO } from '../helpers/http';

let server: TestServer;
beforeAll(async () => {
	// The client address comes from a header, so one test can speak from several networks.
	server = await startServer({ env: { LOGIN_RATE_ACCOUNT: '5', ADDRESS_HEADER: 'x-test-ip' } });
});
afterAll(async () => {
	await server?.stop();
});

const from = (ip: string) => ({ headers: { 'x-test-ip': ip } });

async function loginFrom(c: Client, ip: string, email: string, password: string) {
	return c.form('/login', { email, password }, from(ip));
}

describe('sign-in throttling', () => {
	it('delays further attempts from the guessing network only, and says the account is not locked', async () => {
		const attacker = new Client(server.url);
		for (let i = 0; i < 5; i++)
			expect(
				(await loginFrom(attacker, '203.0.113.9', DEMO.componente2, `sbagliata-${i}-xx`)).status
			).toBe(400);
		const delayed = await loginFrom(attacker, '203.0.113.9', DEMO.componente2, DEMO_PASSWORD);
		expect(delayed.status).toBe(429);
		const html = await delayed.text();
		expect(html).toMatch(/Riprova tra 1 minuto/);
		expect(html).toMatch(/l’account non è bloccato/);
		// The person, from their own office, signs in at once.
		const person = new Client(server.url);
		expect((await loginFrom(person, '198.51.100.7', DEMO.componente2, DEMO_PASSWORD)).status).toBe(
			303
		);
	});

	it('throttles the current-password check of a password change like sign-in', async () => {
		const email = DEMO.osservatore;
		const c = new Client(server.url);
		expect((await loginFrom(c, '192.0.2.44', email, DEMO_PASSWORD)).status).toBe(303);
		const change = (current: string) =>
			c.form(
				'/account?/password',
				{ current, password: 'nuova-password-2026-x', confirm: 'nuova-password-2026-x' },
				from('192.0.2.44')
			);
		for (let i = 0; i < 5; i++) {
			const res = await change(`non-questa-${i}`);
			expect(await res.text()).toContain('La password attuale non è corretta');
		}
		const delayed = await change(DEMO_PASSWORD);
		const html = await delayed.text();
		expect(html).toMatch(/Troppi tentativi di accesso non riusciti\. Riprova tra 1 minuto/);
		expect(html).not.toContain('Password cambiata');
		// Unchanged: the old password still signs in (from another network).
		expect(
			(await loginFrom(new Client(server.url), '192.0.2.99', email, DEMO_PASSWORD)).status
		).toBe(303);
	});
});
