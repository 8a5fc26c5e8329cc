/**
 * HTTP-layer holes from the attacker/operator review (issue 11): the Origin check compares whole
 * origins, `next` redirects stay on this site, production refuses to start without ORIGIN (so
 * cached absolute links cannot follow a forged Host), and the CSP and nosniff headers are on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type TestServer } from '../helpers/server';
import { Client, DEMO, UMBRIA, signedIn } from '../helpers/http';
import { connectSocket } from '../helpers/socket';
import { wsWith } from '../helpers/yjs';

let server: TestServer;
let seg: Client;
beforeAll(async () => {
	server = await startServer();
	seg = await signedIn(server.url, DEMO.segreteria);
});
afterAll(async () => {
	await server?.stop();
});

/** The same host and port over https: another origin to a browser. */
const otherScheme = () => server.url.replace(/^http:/, 'https:');

describe('Origin check compares scheme, host and port', () => {
	it('refuses a JSON write whose Origin differs only in scheme', async () => {
		const foreign = await seg.json(
			'/api/notifiche',
			'POST',
			{ all: true },
			{
				headers: { origin: otherScheme() }
			}
		);
		expect(foreign.status).toBe(403);
		const own = await seg.json('/api/notifiche', 'POST', { all: true });
		expect(own.status).toBe(200);
	});

	it('refuses socket.io and Yjs upgrades from the other scheme', async () => {
		await expect(connectSocket(server.url, seg, otherScheme())).rejects.toThrow();
		const ok = await connectSocket(server.url, seg);
		ok.close();
		const status = await new Promise<number>((resolve) => {
			const Ws = wsWith({ origin: otherScheme(), cookie: seg.cookieHeader });
			const ws = new Ws(server.url.replace(/^http/, 'ws') + '/yjs/abc') as unknown as {
				on: (e: string, f: (...a: unknown[]) => void) => void;
			};
			ws.on('unexpected-response', (_req, res) =>
				resolve((res as http.IncomingMessage).statusCode!)
			);
			ws.on('open', () => resolve(101));
			ws.on('error', () => {});
		});
		expect(status).toBe(403);
	});
});

describe('next after sign-in and the language switch stays on this site', () => {
	const hostile = ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example'];

	it('sign-in with a hostile next lands on this site, never a 500', async () => {
		for (const next of hostile) {
			const c = new Client(server.url);
			const res = await c.form('/login', {
				email: DEMO.componente,
				password: 'demo-password-test',
				next
			});
			expect(res.status, JSON.stringify(next)).toBe(303);
			const to = new URL(res.headers.get('location')!, server.url);
			expect(to.origin, JSON.stringify(next)).toBe(server.url);
		}
		// A plain path still works, query included.
		const c = new Client(server.url);
		const res = await c.form('/login', {
			email: DEMO.componente,
			password: 'demo-password-test',
			next: `/tavoli/${UMBRIA}?tab=1`
		});
		expect(res.headers.get('location')).toBe(`/tavoli/${UMBRIA}?tab=1`);
	});

	it('the signed-in login page and /lingua do the same', async () => {
		for (const next of hostile) {
			const page = await seg.get(`/login?next=${encodeURIComponent(next)}`);
			expect(page.status, JSON.stringify(next)).toBe(303);
			expect(new URL(page.headers.get('location')!, server.url).origin).toBe(server.url);
			const lang = await seg.form('/lingua', { locale: 'it', next });
			expect(lang.status, JSON.stringify(next)).toBe(303);
			expect(new URL(lang.headers.get('location')!, server.url).origin).toBe(server.url);
		}
	});
});

describe('ORIGIN in production', () => {
	it('server/index.js refuses to start without ORIGIN, saying what to set', async () => {
		const { ORIGIN: _o, RACCORDO_LOCAL: _l, ...env } = process.env;
		const dir = mkdtempSync(join(tmpdir(), 'raccordo-origin-'));
		const proc = spawn(process.execPath, ['server/index.js'], {
			env: { ...env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'x.sqlite') },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		proc.stdout.on('data', (d) => (out += d));
		proc.stderr.on('data', (d) => (out += d));
		const code = await new Promise<number | null>((r) => proc.once('exit', r));
		rmSync(dir, { recursive: true, force: true });
		expect(code).toBe(1);
		expect(out).toContain('ORIGIN is not set');
		expect(out).not.toContain('listening');
	});

	it('with ORIGIN (as npm start sets it), cached feeds link to ORIGIN whatever Host asked first', async () => {
		const port = await new Promise<number>((resolve) => {
			const s = createServer().listen(0, '127.0.0.1', () => {
				const p = (s.address() as { port: number }).port;
				s.close(() => resolve(p));
			});
		});
		const origin = `http://localhost:${port}`;
		const prod = await startServer({
			env: { PORT: String(port), ORIGIN: origin, RACCORDO_LOCAL: '' }
		});
		try {
			const get = (host: string) =>
				new Promise<string>((resolve, reject) => {
					http
						.get({ host: '127.0.0.1', port, path: '/registro.atom', headers: { host } }, (res) => {
							let body = '';
							res.on('data', (d) => (body += d));
							res.on('end', () => resolve(body));
						})
						.on('error', reject);
				});
			const forged = await get('evil.example');
			const honest = await get(`localhost:${port}`);
			for (const body of [forged, honest]) {
				expect(body).toContain(`${origin}/registro.atom`);
				expect(body).not.toContain('evil.example');
			}
		} finally {
			await prod.stop();
		}
	});
});

describe('headers', () => {
	it('pages carry a CSP without inline scripts, framing refused', async () => {
		const res = await seg.get(`/tavoli/${UMBRIA}`);
		expect(res.status).toBe(200);
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
		expect(script).toContain("'self'");
		expect(script).not.toContain('unsafe-inline');
		expect(script).toMatch(/'(sha256-|nonce-)/);
	});

	it('static assets are served with nosniff too', async () => {
		const html = await (await new Client(server.url).get('/login')).text();
		const asset = /\/_app\/immutable\/[^"']+\.js/.exec(html)![0];
		for (const path of ['/favicon.svg', asset]) {
			const res = await fetch(server.url + path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
		}
	});
});
