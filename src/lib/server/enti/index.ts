import { z } from 'zod';
import { db } from '../db/index.js';
import { audited } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertPlatformAdmin as assertAdmin } from '../policy/index.js';
import { fromZod, NotFoundError, ValidationError } from '../errors.js';

export const ENTE_KINDS = [
	'regione',
	'prefettura',
	'ispettorato_lavoro',
	'comune',
	'asl',
	'centro_impiego',
	'terzo_settore',
	'parte_sociale',
	'ministero',
	'altro'
] as const;
export type EnteKind = (typeof ENTE_KINDS)[number];

export interface Ente {
	id: number;
	name: string;
	kind: EnteKind;
	region: string | null;
}

const enteInput = z.object({
	name: z.string().trim().min(2, 'Indica il nome dell’ente').max(200, 'Nome troppo lungo'),
	kind: z.enum(ENTE_KINDS, { message: 'Scegli il tipo di ente' }),
	region: z
		.string()
		.trim()
		.max(60)
		.transform((s) => s || null)
		.nullable()
		.optional()
});

export function list(): Ente[] {
	return db().prepare('SELECT id, name, kind, region FROM enti ORDER BY name').all() as Ente[];
}

export function get(id: number): Ente {
	const row = db().prepare('SELECT id, name, kind, region FROM enti WHERE id = ?').get(id);
	if (!row) throw new NotFoundError('Ente non trovato');
	return row as Ente;
}

export function create(user: SessionUser | null, input: unknown): Ente {
	assertAdmin(user);
	const parsed = enteInput.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error);
	const { name, kind, region } = parsed.data;
	if (db().prepare('SELECT 1 FROM enti WHERE name = ?').get(name))
		throw new ValidationError({ name: 'Esiste già un ente con questo nome' });
	const info = audited(
		(r) => ({ actor: user, action: 'ente.created', target: ['ente', r.lastInsertRowid, name] }),
		() =>
			db()
				.prepare('INSERT INTO enti (name, kind, region) VALUES (?, ?, ?)')
				.run(name, kind, region ?? null)
	);
	return get(Number(info.lastInsertRowid));
}

export function update(user: SessionUser | null, id: number, input: unknown): Ente {
	assertAdmin(user);
	get(id);
	const parsed = enteInput.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error);
	const { name, kind, region } = parsed.data;
	if (db().prepare('SELECT 1 FROM enti WHERE name = ? AND id <> ?').get(name, id))
		throw new ValidationError({ name: 'Esiste già un ente con questo nome' });
	audited({ actor: user, action: 'ente.updated', target: ['ente', id, name] }, () =>
		db()
			.prepare('UPDATE enti SET name = ?, kind = ?, region = ? WHERE id = ?')
			.run(name, kind, region ?? null, id)
	);
	return get(id);
}
