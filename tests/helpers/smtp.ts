import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface Received {
	from: string;
	to: string[];
	raw: string;
}

/** A real SMTP server on port 0 that keeps every message it accepts. */
export async function startSmtp(): Promise<{
	url: string;
	messages: Received[];
	waitFor: (n: number, ms?: number) => Promise<Received[]>;
	close: () => Promise<void>;
}> {
	const messages: Received[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (d) => (raw += d));
			stream.on('end', () => {
				messages.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw
				});
				callback();
			});
		}
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		messages,
		waitFor: async (n, ms = 5000) => {
			const until = Date.now() + ms;
			while (messages.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
			return messages;
		},
		close: () => new Promise((r) => server.close(() => r()))
	};
}
