import { z } from 'zod';
import { db } from '../db/index.js';
import { audited } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertPlatformAdmin as assertAdmin } from '../policy/index.js';
import { fromZod, ValidationError } from '../errors.js';
import { findByEmail } from '../users/index.js';
import { byId, type Tavolo } from './index.js';

export const REGIONS = [
	'Abruzzo',
	'Basilicata',
	'Calabria',
	'Campania',
	'Emilia-Romagna',
	'Friuli Venezia Giulia',
	'Lazio',
	'Liguria',
	'Lombardia',
	'Marche',
	'Molise',
	'Piemonte',
	'Puglia',
	'Sardegna',
	'Sicilia',
	'Toscana',
	'Trentino-Alto Adige',
	'Umbria',
	"Valle d'Aosta",
	'Veneto'
];

const tavoloInput = z.object({
	name: z.string().trim().min(3, 'Indica il nome del tavolo').max(200, 'Nome troppo lungo'),
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.regex(
			/^[a-z0-9]+(-[a-z0-9]+)*$/,
			'Solo lettere minuscole, cifre e trattini (es. tavolo-lavoro-umbria)'
		)
		.max(80, 'Identificativo troppo lungo'),
	description: z.string().trim().max(4000, 'Descrizione troppo lunga').default(''),
	region: z
		.string()
		.trim()
		.refine((r) => r === '' || REGIONS.includes(r), 'Regione sconosciuta')
		.transform((r) => r || null),
	theme: z.string().trim().max(200).default(''),
	status: z
		.enum(['attivo', 'sospeso', 'concluso'], { message: 'Stato non valido' })
		.default('attivo'),
	isPublic: z.preprocess((v) => v === true || v === 'on' || v === '1' || v === 'true', z.boolean()),
	quorumRule: z
		.string()
		.trim()
		.regex(
			/^(maggioranza|n:[1-9]\d*)$/,
			'Regola di quorum: "maggioranza" oppure "n:<numero di enti>"'
		)
		.default('maggioranza')
});

/** The columns a tavolo's form sets, in the order both the INSERT and the UPDATE list them. */
const columns = (d: z.infer<typeof tavoloInput>) =>
	[
		d.slug,
		d.name,
		d.description,
		d.region,
		d.theme,
		d.status,
		d.isPublic ? 1 : 0,
		d.quorumRule
	] as const;

export function listAll(user: SessionUser): (Tavolo & { members: number; segreteria: string })[] {
	assertAdmin(user);
	return (
		db()
			.prepare(
				`SELECT t.id, t.slug, t.name, t.description, t.region, t.theme, t.status, t.is_public AS isPublic,
				        t.quorum_rule AS quorumRule,
				        (SELECT COUNT(*) FROM memberships m WHERE m.tavolo_id = t.id) AS members,
				        COALESCE((SELECT group_concat(u.name, ', ') FROM memberships m JOIN users u ON u.id = m.user_id
				                  WHERE m.tavolo_id = t.id AND m.role = 'segreteria'), '') AS segreteria
				 FROM tavoli t ORDER BY t.name`
			)
			.all() as (Omit<Tavolo, 'isPublic'> & {
			isPublic: number;
			members: number;
			segreteria: string;
		})[]
	).map((r) => ({ ...r, isPublic: !!r.isPublic }));
}

export function createTavolo(user: SessionUser, input: Record<string, unknown>): Tavolo {
	assertAdmin(user);
	const parsed = tavoloInput.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error);
	const d = parsed.data;
	if (db().prepare('SELECT 1 FROM tavoli WHERE slug = ?').get(d.slug))
		throw new ValidationError({ slug: 'Identificativo già in uso' });
	const info = audited(
		(r) => ({
			actor: user,
			tavoloId: Number(r.lastInsertRowid),
			action: 'tavolo.created',
			target: ['tavolo', r.lastInsertRowid, d.slug]
		}),
		() =>
			db()
				.prepare(
					`INSERT INTO tavoli (slug, name, description, region, theme, status, is_public, quorum_rule)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(...columns(d))
	);
	return byId(Number(info.lastInsertRowid));
}

export function updateTavolo(
	user: SessionUser,
	id: number,
	input: Record<string, unknown>
): Tavolo {
	assertAdmin(user);
	byId(id);
	const parsed = tavoloInput.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error);
	const d = parsed.data;
	if (db().prepare('SELECT 1 FROM tavoli WHERE slug = ? AND id <> ?').get(d.slug, id))
		throw new ValidationError({ slug: 'Identificativo già in uso' });
	audited(
		{
			actor: user,
			tavoloId: id,
			action: 'tavolo.updated',
			target: ['tavolo', id, d.slug],
			detail: { status: d.status, isPublic: d.isPublic }
		},
		() =>
			db()
				.prepare(
					`UPDATE tavoli SET slug = ?, name = ?, description = ?, region = ?, theme = ?, status = ?,
			 is_public = ?, quorum_rule = ? WHERE id = ?`
				)
				.run(...columns(d), id)
	);
	return byId(id);
}

/** The admin appoints (or re-appoints) a person with an account as segreteria of a tavolo. */
export function appointSegreteria(
	user: SessionUser,
	tavoloId: number,
	input: { email?: unknown; enteId?: unknown }
): void {
	assertAdmin(user);
	byId(tavoloId);
	const email = String(input.email ?? '').trim();
	const enteId = Number(input.enteId);
	const errors: Record<string, string> = {};
	const person = email ? findByEmail(email) : undefined;
	if (!email) errors.email = 'Indica l’indirizzo e-mail';
	else if (!person) errors.email = 'Nessun account con questo indirizzo';
	if (!Number.isInteger(enteId) || !db().prepare('SELECT 1 FROM enti WHERE id = ?').get(enteId))
		errors.enteId = 'Scegli l’ente';
	if (Object.keys(errors).length || !person) throw new ValidationError(errors);
	audited(
		{
			actor: user,
			tavoloId,
			action: 'segreteria.appointed',
			target: ['user', person.id, email],
			detail: { enteId }
		},
		() =>
			db()
				.prepare(
					`INSERT INTO memberships (tavolo_id, user_id, ente_id, role) VALUES (?, ?, ?, 'segreteria')
			 ON CONFLICT (tavolo_id, user_id) DO UPDATE SET role = 'segreteria', ente_id = excluded.ente_id`
				)
				.run(tavoloId, person.id, enteId)
	);
}
