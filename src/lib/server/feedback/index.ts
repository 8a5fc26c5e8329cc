/**
 * "Segnala un problema di accessibilità" (L. 4/2004, AgID guidelines: the feedback mechanism the
 * accessibility statement must offer). Anyone may write, signed in or not; the report is kept,
 * shown to the platform admins in the app and e-mailed to them.
 */
import { z } from 'zod';
import { db } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertPlatformAdmin } from '../policy/index.js';
import { fromZod } from '../errors.js';
import { emailSchema } from '../users/index.js';
import { notify } from '../notifications/index.js';

const input = z.object({
	name: z.string().trim().max(120, 'Nome troppo lungo'),
	email: emailSchema,
	pageUrl: z.string().trim().max(2000, 'Indirizzo troppo lungo'),
	message: z
		.string()
		.trim()
		.min(10, 'Descrivi il problema (almeno 10 caratteri)')
		.max(5000, 'Testo troppo lungo (massimo 5.000 caratteri)')
});

// Per client IP, in memory (one process): a flood of reports would flood the admins' mailbox.
const KEY = Symbol.for('raccordo.feedback.rate');
type G = typeof globalThis & { [KEY]?: Map<string, number[]> };
export const RATE = {
	max: Number(process.env.FEEDBACK_RATE_IP || 5),
	windowMs: 60 * 60 * 1000
};

function hitsOf(ip: string): number[] {
	const store = ((globalThis as G)[KEY] ??= new Map<string, number[]>());
	const now = Date.now();
	const list = (store.get(ip) ?? []).filter((t) => now - t < RATE.windowMs);
	store.set(ip, list);
	return list;
}

/** Thrown when one address sent too many reports: `minutes` until the next one is accepted. */
export class TooManyReports extends Error {
	constructor(public minutes: number) {
		super(
			`Hai inviato troppe segnalazioni in poco tempo. Riprova tra ${minutes} minut${minutes === 1 ? 'o' : 'i'}, oppure scrivi all’amministrazione.`
		);
	}
}

export async function reportAccessibilityProblem(
	user: SessionUser | null,
	ip: string,
	values: Record<string, unknown>
): Promise<{ id: number }> {
	const hits = hitsOf(ip);
	if (hits.length >= RATE.max)
		throw new TooManyReports(
			Math.max(1, Math.ceil((hits[0] + RATE.windowMs - Date.now()) / 60_000))
		);
	const parsed = input.safeParse({
		name: values.name ?? '',
		email: values.email ?? '',
		pageUrl: values.pageUrl ?? '',
		message: values.message ?? ''
	});
	if (!parsed.success) throw fromZod(parsed.error);
	// Counted only once valid: a person correcting a field error is not throttled.
	hits.push(Date.now());
	const r = parsed.data;
	const { id } = db()
		.prepare(
			'INSERT INTO accessibility_reports (user_id, name, email, page_url, message) VALUES (?, ?, ?, ?, ?) RETURNING id'
		)
		.get(user?.id ?? null, r.name, r.email, r.pageUrl, r.message) as { id: number };
	const admins = (
		db().prepare('SELECT id FROM users WHERE is_admin = 1').all() as { id: number }[]
	).map((a) => a.id);
	// Kept even with no admin yet: the first admin finds it in the list.
	if (admins.length > 0)
		await notify(admins, {
			kind: 'accessibilita.segnalazione',
			title: 'Nuova segnalazione di accessibilità',
			body: r.message.slice(0, 300),
			url: '/admin/impostazioni#segnalazioni',
			email: {
				subject: '[Raccordo] Segnalazione di un problema di accessibilità',
				text: [
					'È arrivata una segnalazione di un problema di accessibilità (L. 4/2004).',
					'',
					`Da: ${r.name || '(nome non indicato)'} <${r.email}>`,
					`Pagina: ${r.pageUrl || '(non indicata)'}`,
					'',
					r.message,
					'',
					'Rispondi a chi ha scritto entro 30 giorni; se non risponde, può rivolgersi al Difensore civico per il digitale di AgID.'
				].join('\n')
			}
		});
	return { id };
}

export interface Report {
	id: number;
	name: string;
	email: string;
	pageUrl: string;
	message: string;
	createdAt: string;
}

export function listReports(user: SessionUser, limit = 50): Report[] {
	assertPlatformAdmin(user);
	return db()
		.prepare(
			'SELECT id, name, email, page_url AS pageUrl, message, created_at AS createdAt FROM accessibility_reports ORDER BY id DESC LIMIT ?'
		)
		.all(limit) as Report[];
}
