import { randomBytes } from 'node:crypto';
import { db } from '../db/index.js';
import { hashPassword } from '../auth/password.js';

/**
 * The demo world: two tavoli drawn from the public documents in shared/seeds (a regional
 * labour-integration table in Umbria, a prefecture's territorial council in Sardinia), real kinds
 * of enti, invented people, every role present.
 */
export const DEMO_ENTI = [
	['Regione Umbria – Direzione Lavoro e Formazione', 'regione', 'Umbria'],
	['Prefettura di Perugia – Sportello Unico per l’Immigrazione', 'prefettura', 'Umbria'],
	['Ispettorato Territoriale del Lavoro di Perugia', 'ispettorato_lavoro', 'Umbria'],
	['Comune di Perugia', 'comune', 'Umbria'],
	['USL Umbria 1', 'asl', 'Umbria'],
	['Centro per l’Impiego di Perugia', 'centro_impiego', 'Umbria'],
	['Cooperativa sociale Ponti Aperti', 'terzo_settore', 'Umbria'],
	['Ministero del Lavoro – DG Immigrazione e Politiche di Integrazione', 'ministero', null],
	['Regione Sardegna – Assessorato del Lavoro', 'regione', 'Sardegna'],
	['Prefettura di Cagliari', 'prefettura', 'Sardegna'],
	['Comune di Cagliari', 'comune', 'Sardegna'],
	['Centro per l’Impiego di Cagliari', 'centro_impiego', 'Sardegna'],
	['Associazione regionale datori di lavoro agricoli', 'parte_sociale', 'Sardegna']
] as const;

export const DEMO_TAVOLI = [
	{
		slug: 'integrazione-lavorativa-umbria',
		name: 'Tavolo regionale per l’integrazione lavorativa dei migranti – Umbria',
		description:
			'Tavolo tecnico interistituzionale che programma e monitora il Piano integrato regionale ' +
			'in materia di inserimento lavorativo e integrazione sociale della popolazione migrante, ' +
			'in raccordo con la programmazione FAMI e FSE.',
		region: 'Umbria',
		theme: 'Piano integrato – politiche del lavoro e dell’integrazione',
		isPublic: 1
	},
	{
		slug: 'consiglio-territoriale-cagliari',
		name: 'Consiglio territoriale per l’immigrazione – Cagliari',
		description:
			'Sede di confronto tra Prefettura, Regione, enti locali e parti sociali sul contrasto al ' +
			'grave sfruttamento lavorativo e sull’accoglienza dei lavoratori stagionali.',
		region: 'Sardegna',
		theme: 'Contrasto allo sfruttamento lavorativo',
		isPublic: 0
	}
] as const;

type Rep = 'titolare' | 'supplente' | null;
// [email, name, admin, [tavoloSlug, enteIndex, role, representation][]]
export const DEMO_PEOPLE: [string, string, boolean, [string, number, string, Rep][]][] = [
	['admin@demo.raccordo.it', 'Amministrazione Raccordo', true, []],
	[
		'giulia.ferretti@demo.raccordo.it',
		'Giulia Ferretti',
		false,
		[['integrazione-lavorativa-umbria', 0, 'segreteria', null]]
	],
	[
		'marco.bellini@demo.raccordo.it',
		'Marco Bellini',
		false,
		[['integrazione-lavorativa-umbria', 1, 'componente', 'titolare']]
	],
	[
		'sara.conti@demo.raccordo.it',
		'Sara Conti',
		false,
		[['integrazione-lavorativa-umbria', 1, 'componente', 'supplente']]
	],
	[
		'paolo.ricci@demo.raccordo.it',
		'Paolo Ricci',
		false,
		[['integrazione-lavorativa-umbria', 2, 'componente', 'titolare']]
	],
	[
		'elena.marchi@demo.raccordo.it',
		'Elena Marchi',
		false,
		[['integrazione-lavorativa-umbria', 3, 'componente', 'titolare']]
	],
	[
		'luca.gallo@demo.raccordo.it',
		'Luca Gallo',
		false,
		[['integrazione-lavorativa-umbria', 4, 'componente', 'titolare']]
	],
	[
		'anna.moretti@demo.raccordo.it',
		'Anna Moretti',
		false,
		[['integrazione-lavorativa-umbria', 5, 'componente', 'titolare']]
	],
	[
		'davide.serra@demo.raccordo.it',
		'Davide Serra',
		false,
		[['integrazione-lavorativa-umbria', 6, 'componente', 'titolare']]
	],
	[
		'chiara.longo@demo.raccordo.it',
		'Chiara Longo',
		false,
		[
			['integrazione-lavorativa-umbria', 7, 'osservatore', null],
			['consiglio-territoriale-cagliari', 7, 'osservatore', null]
		]
	],
	[
		'francesca.pinna@demo.raccordo.it',
		'Francesca Pinna',
		false,
		[['consiglio-territoriale-cagliari', 9, 'segreteria', null]]
	],
	[
		'stefano.melis@demo.raccordo.it',
		'Stefano Melis',
		false,
		[['consiglio-territoriale-cagliari', 8, 'componente', 'titolare']]
	],
	[
		'roberta.sanna@demo.raccordo.it',
		'Roberta Sanna',
		false,
		[['consiglio-territoriale-cagliari', 10, 'componente', 'titolare']]
	],
	[
		'giorgio.deiana@demo.raccordo.it',
		'Giorgio Deiana',
		false,
		[['consiglio-territoriale-cagliari', 11, 'componente', 'titolare']]
	],
	[
		'ilaria.porcu@demo.raccordo.it',
		'Ilaria Porcu',
		false,
		[['consiglio-territoriale-cagliari', 12, 'componente', 'titolare']]
	]
];

/** A domain's demo content (documents, plans, meetings, decisions), run in app.ts's order. */
export type DemoStep = () => void | Promise<void>;

export function isEmpty(): boolean {
	return !db().prepare('SELECT 1 FROM users LIMIT 1').get();
}

/** Seeds the demo world into an empty database. Returns the password, for printing once. */
export async function seedDemo(
	steps: readonly DemoStep[] = [],
	password = process.env.DEMO_PASSWORD
): Promise<{ password: string; generated: boolean }> {
	const generated = !password;
	const pw = password || randomBytes(9).toString('base64url');
	// Same password for every demo account: hash once, seed in one transaction.
	const hash = await hashPassword(pw);
	const d = db();
	d.transaction(() => {
		const enteIds = DEMO_ENTI.map(([name, kind, region]) =>
			Number(
				d.prepare('INSERT INTO enti (name, kind, region) VALUES (?, ?, ?)').run(name, kind, region)
					.lastInsertRowid
			)
		);
		const tavoloIds = new Map<string, number>();
		for (const t of DEMO_TAVOLI) {
			const info = d
				.prepare(
					'INSERT INTO tavoli (slug, name, description, region, theme, is_public) VALUES (?, ?, ?, ?, ?, ?)'
				)
				.run(t.slug, t.name, t.description, t.region, t.theme, t.isPublic);
			tavoloIds.set(t.slug, Number(info.lastInsertRowid));
		}
		for (const [email, name, admin, memberships] of DEMO_PEOPLE) {
			const userId = Number(
				d
					.prepare('INSERT INTO users (email, name, password_hash, is_admin) VALUES (?, ?, ?, ?)')
					.run(email, name, hash, admin ? 1 : 0).lastInsertRowid
			);
			for (const [slug, ente, role, rep] of memberships) {
				d.prepare(
					'INSERT INTO memberships (tavolo_id, user_id, ente_id, role, representation) VALUES (?, ?, ?, ?, ?)'
				).run(tavoloIds.get(slug), userId, enteIds[ente], role, rep);
			}
		}
	})();
	for (const step of steps) await step();
	return { password: pw, generated };
}
