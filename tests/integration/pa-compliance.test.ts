// Accessibility (L. 4/2004) and privacy (GDPR art. 13, 15, 20) basics, through the real server:
// the admin's settings, the feedback form end to end through a real SMTP server without
// JavaScript, its flood limit, the personal data export, and the retention purge at start-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type TestServer } from '../helpers/server';
import { startSmtp } from '../helpers/smtp';
import { Client, DEMO, signedIn } from '../helpers/http';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let admin: Client;
beforeAll(async () => {
	smtp = await startSmtp();
	server = await startServer({
		env: {
			SMTP_URL: smtp.url,
			MAIL_FROM: 'Raccordo <raccordo@regione.test>',
			FEEDBACK_RATE_IP: '3'
		}
	});
	admin = await signedIn(server.url, DEMO.admin);
});
afterAll(async () => {
	await server?.stop();
	await smtp?.close();
});

function sql<T>(query: string, ...args: unknown[]): T[] {
	const d = new Database(server.dbPath);
	try {
		const st = d.prepare(query);
		return (st.reader ? st.all(...args) : (st.run(...args), [])) as T[];
	} finally {
		d.close();
	}
}

/** The message as a person reads it: encoded-word headers and quoted-printable body decoded. */
function readable(raw: string): string {
	const bytes = (qp: string) =>
		Buffer.from(
			qp.replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
			'latin1'
		).toString('utf8');
	return bytes(
		raw
			.replace(/\?=\r?\n[ \t]+=\?/g, '?==?') // a folded header's encoded words join up
			.replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, w: string) => w.replace(/_/g, ' '))
			.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, w: string) =>
				Buffer.from(w, 'base64').toString('latin1')
			)
			.replace(/=\r?\n/g, '')
	);
}

const report = {
	name: 'Maria Rossi',
	email: 'maria.rossi@example.it',
	pageUrl: '/registro',
	message: 'Con il lettore di schermo NVDA il filtro per anno del registro non ha etichetta.'
};

describe('accessibility statement and feedback', () => {
	it('the admin sets the statement URL; the footer link leads there; a bad URL is a field error', async () => {
		const bad = await admin.form('/admin/impostazioni?/save', {
			accessibilityStatementUrl: 'javascript:alert(1)',
			privacyNotice: ''
		});
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Indica un indirizzo che inizia con https://');

		const member = await signedIn(server.url, DEMO.componente);
		const denied = await member.form('/admin/impostazioni?/save', {
			accessibilityStatementUrl: 'https://evil.example/'
		});
		expect(denied.status).toBe(403);

		const statement = 'https://form.agid.gov.it/view/0000-demo-raccordo';
		const ok = await admin.form('/admin/impostazioni?/save', {
			accessibilityStatementUrl: statement,
			privacyNotice:
				'Titolare del trattamento: Regione Umbria.\n\nDati trattati: nome, e-mail, ente.'
		});
		expect(ok.status).toBe(200);

		const home = await (await fetch(`${server.url}/registro`)).text();
		expect(home).toContain('href="/accessibilita/dichiarazione"');
		expect(home).toContain('Dichiarazione di accessibilità');
		expect(home).toContain('Segnala un problema di accessibilità');
		const hop = await fetch(`${server.url}/accessibilita/dichiarazione`, { redirect: 'manual' });
		expect(hop.status).toBe(303);
		expect(hop.headers.get('location')).toBe(statement);

		const privacy = await (await fetch(`${server.url}/privacy`)).text();
		expect(privacy).toContain('Titolare del trattamento: Regione Umbria.');
	});

	it('a report sent without JavaScript reaches the admin by e-mail and in the app', async () => {
		const visitor = new Client(server.url); // no account
		const form = await (await visitor.get('/accessibilita?pagina=%2Fregistro')).text();
		expect(form).toContain('<form method="POST"');
		expect(form).toContain('value="/registro"');

		const before = smtp.messages.length;
		const res = await visitor.form('/accessibilita', report);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('la segnalazione è stata inviata');

		const mails = await smtp.waitFor(before + 1);
		const mail = mails[before];
		expect(mail.to).toEqual([DEMO.admin]);
		const text = readable(mail.raw);
		expect(text).toMatch(/^Subject: \[Raccordo\] Segnalazione di un problema di accessibilità/m);
		expect(text).toContain('Da: Maria Rossi <maria.rossi@example.it>');
		expect(text).toContain('Pagina: /registro');
		expect(text).toContain(report.message);

		const inApp = (await (
			await admin.get('/api/notifiche', { headers: { accept: 'application/json' } })
		).json()) as {
			notifications: { kind: string; url: string }[];
		};
		expect(inApp.notifications[0].kind).toBe('accessibilita.segnalazione');
		const list = await (await admin.get(inApp.notifications[0].url.split('#')[0])).text();
		expect(list).toContain('il filtro per anno del registro non ha etichetta');
	});

	it('missing or bad fields come back as field messages, with what was typed, and send nothing', async () => {
		const before = smtp.messages.length;
		const res = await new Client(server.url).form('/accessibilita', {
			...report,
			email: 'not-an-address',
			message: 'corto'
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Indirizzo e-mail non valido');
		expect(html).toContain('Descrivi il problema (almeno 10 caratteri)');
		expect(html).toContain('aria-invalid="true"');
		expect(html).toContain('value="Maria Rossi"');
		await new Promise((r) => setTimeout(r, 300));
		expect(smtp.messages.length).toBe(before);
	});

	it('refuses a flood from one address with a clear message', async () => {
		const visitor = new Client(server.url);
		// One report was accepted above; the limit here is 3 per hour per address.
		for (let i = 0; i < 2; i++)
			expect((await visitor.form('/accessibilita', report)).status).toBe(200);
		const count = sql<{ n: number }>('SELECT COUNT(*) AS n FROM accessibility_reports')[0].n;
		const res = await visitor.form('/accessibilita', report);
		expect(res.status).toBe(429);
		expect(await res.text()).toMatch(/troppe segnalazioni in poco tempo\. Riprova tra \d+ minut/);
		expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM accessibility_reports')[0].n).toBe(count);
	});
});

describe('personal data export (GDPR art. 15/20)', () => {
	it("contains the person's own rows and no one else's", async () => {
		const [marco] = sql<{ id: number }>('SELECT id FROM users WHERE email = ?', DEMO.componente);
		const [sara] = sql<{ id: number }>('SELECT id FROM users WHERE email = ?', DEMO.supplente);
		sql(
			"INSERT INTO notifications (user_id, kind, title) VALUES (?, 'prova', 'Per Marco'), (?, 'prova', 'Per Sara')",
			marco.id,
			sara.id
		);
		const [meeting] = sql<{ id: number }>('SELECT id FROM meetings ORDER BY id LIMIT 1');
		sql(
			"INSERT OR REPLACE INTO meeting_rsvps (meeting_id, user_id, answer) VALUES (?, ?, 'partecipo'), (?, ?, 'non_partecipo')",
			meeting.id,
			marco.id,
			meeting.id,
			sara.id
		);

		const anonymous = await new Client(server.url).get('/privacy/i-miei-dati');
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/login');

		const c = await signedIn(server.url, DEMO.componente);
		const res = await c.get('/privacy/i-miei-dati');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(
			/attachment; filename="raccordo-i-miei-dati-/
		);
		const text = await res.text();
		const data = JSON.parse(text);
		expect(data.schema).toBe('raccordo.i-miei-dati/1');
		expect(data.profile).toMatchObject({ id: marco.id, email: DEMO.componente, isAdmin: false });
		expect(data.profile).not.toHaveProperty('password_hash');
		expect(data.sessions.length).toBeGreaterThan(0);

		const memberships = sql<{ n: number }>(
			'SELECT COUNT(*) AS n FROM memberships WHERE user_id = ?',
			marco.id
		)[0].n;
		expect(data.memberships).toHaveLength(memberships);
		expect(data.memberships[0]).toMatchObject({ role: 'componente', representation: 'titolare' });

		expect(data.notifications.map((n: { title: string }) => n.title)).toContain('Per Marco');
		expect(data.rsvps).toContainEqual(
			expect.objectContaining({ meetingId: meeting.id, answer: 'partecipo' })
		);
		expect(data.rsvps.some((r: { answer: string }) => r.answer === 'non_partecipo')).toBe(false);

		// No one else's data anywhere in the file: not Sara's notification, not anyone's e-mail.
		expect(text).not.toContain('Per Sara');
		const others = sql<{ email: string }>('SELECT email FROM users WHERE id != ?', marco.id);
		for (const o of others) expect(text).not.toContain(o.email);
		expect(text).not.toMatch(/password|token/i);

		// The account page links to it.
		expect(await (await c.get('/account')).text()).toContain('href="/privacy/i-miei-dati"');
	});

	it('the daily purge at start-up deletes expired sessions and old notifications, keeps recent ones', async () => {
		const [marco] = sql<{ id: number }>('SELECT id FROM users WHERE email = ?', DEMO.componente);
		const past = Date.now() - 60_000;
		sql(
			"INSERT INTO sessions (id, user_id, created_at, expires_at, absolute_expires_at) VALUES ('scaduta-prova', ?, ?, ?, ?)",
			marco.id,
			past - 1000,
			past,
			past
		);
		sql(
			"INSERT INTO notifications (user_id, kind, title, created_at) VALUES (?, 'prova', 'Vecchia', '2020-01-01T00:00:00.000Z'), (?, 'prova', 'Recente', strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
			marco.id,
			marco.id
		);
		await server.kill();
		server = await startServer({ dir: server.dir, env: { SMTP_URL: smtp.url } });
		expect(sql("SELECT id FROM sessions WHERE id = 'scaduta-prova'")).toEqual([]);
		const titles = sql<{ title: string }>(
			"SELECT title FROM notifications WHERE kind = 'prova'"
		).map((r) => r.title);
		expect(titles).not.toContain('Vecchia');
		expect(titles).toContain('Recente');
	});
});

describe('English pages', () => {
	it('home, footer, admin, notifications and members speak English when chosen', async () => {
		const visitor = new Client(server.url);
		visitor.cookies.set('lang', 'en');
		const home = await (await visitor.get('/')).text();
		expect(home).toContain('write activity plans, minutes and agreements together');
		expect(home).toContain('Accessibility statement');
		expect(home).toContain('Report an accessibility problem');
		expect(await (await visitor.get('/accessibilita')).text()).toContain('Send the report');

		const a = await signedIn(server.url, DEMO.admin);
		expect((await a.form('/lingua', { locale: 'en', next: '/admin' })).status).toBe(303);
		try {
			const admin = await (await a.get('/admin')).text();
			expect(admin).toContain('Platform administration');
			expect(admin).not.toContain('Amministrazione della piattaforma');
			expect(await (await a.get('/admin/tavoli')).text()).toContain('Tables on the platform');
			expect(await (await a.get('/admin/enti')).text()).toContain('New organisation');
			expect(await (await a.get('/admin/impostazioni')).text()).toContain('Accessibility reports');
			expect(await (await a.get('/notifiche')).text()).toContain(
				'<h1 class="h2">Notifications</h1>'
			);
		} finally {
			await a.form('/lingua', { locale: 'it', next: '/' });
		}
		const seg = await signedIn(server.url, DEMO.segreteria);
		await seg.form('/lingua', { locale: 'en', next: '/' });
		try {
			const members = await (await seg.get(`/tavoli/integrazione-lavorativa-umbria/membri`)).text();
			expect(members).toContain('Members of the table, by organisation');
			expect(members).toContain('Invite a person');
		} finally {
			await seg.form('/lingua', { locale: 'it', next: '/' });
		}
	});
});
