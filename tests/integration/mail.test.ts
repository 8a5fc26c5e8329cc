import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { startSmtp } from '../helpers/smtp';
import { DEMO, signedIn, UMBRIA } from '../helpers/http';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
	smtp = await startSmtp();
	server = await startServer({
		env: { SMTP_URL: smtp.url, MAIL_FROM: 'Raccordo <raccordo@regione.test>' }
	});
});
afterAll(async () => {
	await server?.stop();
	await smtp?.close();
});

describe('e-mail', () => {
	it('an invitation is e-mailed to the invited person with the single-use link', async () => {
		const seg = await signedIn(server.url, DEMO.segreteria);
		const res = await seg.form(`/tavoli/${UMBRIA}/membri?/invite`, {
			email: 'referente@cpi-foligno.it',
			enteId: '6',
			role: 'componente',
			representation: 'titolare'
		});
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Invito inviato per e-mail a referente@cpi-foligno.it');
		const link = /value="(http[^"]+\/invito\/[a-z2-7]{32})"/.exec(html)![1];
		const [mail] = await smtp.waitFor(1);
		expect(mail.to).toEqual(['referente@cpi-foligno.it']);
		expect(mail.from).toBe('raccordo@regione.test');
		const body = mail.raw.replace(/=\r?\n/g, '');
		expect(body).toMatch(/Subject: =\?UTF-8\?|Subject: \[Raccordo\] Invito/);
		expect(body).toContain(link);
	});

	it('the admin page does not warn about e-mail when SMTP is configured', async () => {
		const admin = await signedIn(server.url, DEMO.admin);
		expect(await (await admin.get('/admin')).text()).not.toContain('non è configurato');
	});
});
