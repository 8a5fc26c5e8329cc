/** Demo documents for the Umbria tavolo: the Piano integrato, a draft protocollo d'intesa, a nota. */
import { db } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { create, saveVersion } from './index.js';
import { template, type PMNode } from './content.js';

const text = (t: string): PMNode => ({ type: 'text', text: t });
const p = (t: string): PMNode => ({ type: 'paragraph', content: [text(t)] });
const h = (level: number, t: string): PMNode => ({
	type: 'heading',
	attrs: { level },
	content: [text(t)]
});

function piano(): PMNode {
	const base = template('piano', 'Piano integrato regionale – Umbria');
	const content = base.content!.slice(0, 2);
	content.push(
		p(
			'Il Piano integrato degli interventi in materia di inserimento lavorativo e di integrazione sociale della popolazione migrante discende dall’Accordo di programma sottoscritto con la Direzione Generale dell’immigrazione e delle politiche di integrazione nel dicembre 2014, a valere sul Fondo Politiche Migratorie.'
		),
		p(
			'Il contesto regionale è descritto con riguardo alle caratteristiche quali-quantitative del fenomeno migratorio e all’organizzazione dei servizi territoriali per il lavoro e l’integrazione (Centri per l’impiego, Sportelli per l’immigrazione, servizi sociali dei Comuni).'
		),
		h(2, '2. Azioni propedeutiche'),
		{
			type: 'orderedList',
			content: [
				'Sviluppo di un sistema di rete territoriale di servizi per i migranti',
				'Promozione di reti tra enti pubblici e operatori privati per migliorare la programmazione dei servizi',
				'Aggiornamento costante delle metodologie di formazione e qualificazione degli operatori dei servizi',
				'Inserimento della figura del mediatore interculturale negli Sportelli'
			].map((t) => ({ type: 'listItem', content: [p(t)] }))
		},
		...base.content!.slice(5)
	);
	return { type: 'doc', content };
}

function protocollo(): PMNode {
	const base = template(
		'accordo',
		'Protocollo d’intesa per la mediazione interculturale negli Sportelli',
		'protocollo_intesa'
	);
	return base;
}

function nota(): PMNode {
	return {
		type: 'doc',
		content: [
			h(1, 'Nota sulla proroga della relazione finale'),
			p(
				'La Regione ha richiesto e ottenuto una proroga al 31 marzo 2019 solo per la presentazione della relazione finale. Le attività progettuali restano soggette alle scadenze originarie.'
			),
			{
				type: 'table',
				content: [
					{
						type: 'tableRow',
						content: ['Adempimento', 'Scadenza'].map((t) => ({
							type: 'tableHeader',
							content: [p(t)]
						}))
					},
					{
						type: 'tableRow',
						content: ['Relazione finale', '31 marzo 2019'].map((t) => ({
							type: 'tableCell',
							content: [p(t)]
						}))
					}
				]
			}
		]
	};
}

/** Demo documents, run by app.ts's demo step. */
export function seedDemoDocuments(): void {
	const tavolo = db()
		.prepare('SELECT id FROM tavoli WHERE slug = ?')
		.get('integrazione-lavorativa-umbria') as { id: number } | undefined;
	const seg = db()
		.prepare(
			`SELECT u.id, u.email, u.name, u.is_admin, u.locale FROM users u JOIN memberships m ON m.user_id = u.id
			 WHERE m.tavolo_id = ? AND m.role = 'segreteria' ORDER BY u.id LIMIT 1`
		)
		.get(tavolo?.id ?? 0) as
		{ id: number; email: string; name: string; is_admin: number; locale: 'it' | 'en' } | undefined;
	if (!tavolo || !seg) return;
	const user: SessionUser = {
		id: seg.id,
		email: seg.email,
		name: seg.name,
		isAdmin: !!seg.is_admin,
		locale: seg.locale
	};
	const doc = create(user, tavolo.id, {
		kind: 'piano',
		title: 'Piano integrato regionale – Umbria',
		content: piano()
	});
	saveVersion(user, doc.id, 'Bozza inviata agli enti, 3 marzo');
	create(user, tavolo.id, {
		kind: 'accordo',
		subkind: 'protocollo_intesa',
		title: 'Protocollo d’intesa per la mediazione interculturale negli Sportelli',
		content: protocollo()
	});
	create(user, tavolo.id, {
		kind: 'nota',
		title: 'Nota sulla proroga della relazione finale',
		content: nota()
	});
}
