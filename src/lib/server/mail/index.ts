import nodemailer, { type Transporter } from 'nodemailer';

export interface Mail {
	to: string[];
	subject: string;
	text: string;
	attachments?: { filename: string; content: string | Buffer; contentType?: string }[];
}

const KEY = Symbol.for('raccordo.mailer');
type G = typeof globalThis & { [KEY]?: Transporter | null };

export function mailConfigured(): boolean {
	return !!process.env.SMTP_URL;
}

function transporter(): Transporter | null {
	const g = globalThis as G;
	if (g[KEY] === undefined) {
		g[KEY] = mailConfigured() ? nodemailer.createTransport(process.env.SMTP_URL!) : null;
		if (!g[KEY])
			console.log(
				'[raccordo] SMTP_URL non impostato: le e-mail sono disattivate, le notifiche restano in app.'
			);
	}
	return g[KEY]!;
}

/**
 * Sends one e-mail; recipients never see each other's addresses. Never throws:
 * a mail server that is down must not undo the meeting or decision that caused the mail.
 */
export async function sendMail(mail: Mail): Promise<{ sent: boolean; error?: string }> {
	const t = transporter();
	if (!t || mail.to.length === 0) return { sent: false };
	try {
		const from = process.env.MAIL_FROM || 'Raccordo <noreply@raccordo.invalid>';
		const fromAddress = /<([^>]+)>/.exec(from)?.[1] ?? from;
		await t.sendMail({
			from,
			// One recipient sees their own address; several see only the sender's, and the real
			// recipients travel in the envelope alone.
			to: mail.to.length === 1 ? mail.to[0] : from,
			envelope: { from: fromAddress, to: mail.to },
			subject: mail.subject,
			text: mail.text,
			attachments: mail.attachments
		});
		return { sent: true };
	} catch (e) {
		const error = e instanceof Error ? e.message : String(e);
		console.error('[raccordo] invio e-mail non riuscito:', error);
		return { sent: false, error };
	}
}
