/**
 * Demo decisions on the Umbria tavolo, drawn from the public documents in shared/seeds (the
 * Piano integrato of Regione Umbria, the extension of the final report to 31 March, the PRIMA
 * call): published through the same numbering and chain as the app, plus one draft and one
 * decision reserved to the segreteria.
 */
import { db } from '../db/index.js';
import { publishInternal, votingEnti } from './index.js';
import type { Vote } from '../../decisions/model.js';

interface DemoDecision {
	title: string;
	body: string;
	type: string;
	outcome: string;
	visibility: string;
	decidedOn: string;
	publishAt?: string; // omitted: stays a draft
	votes?: Vote[]; // by voting ente, in order
	rettificaOfIndex?: number;
	attachment?: { title: string; sha256: string };
}

const DECISIONS: DemoDecision[] = [
	{
		title: 'Approvazione del Piano integrato regionale per l’inserimento lavorativo dei migranti',
		body:
			'Il Tavolo approva il Piano integrato della Regione Umbria in materia di politiche del lavoro e dell’integrazione, ' +
			'previsto dall’Accordo di programma con la Direzione Generale dell’immigrazione e delle politiche di integrazione, ' +
			'a valere sul Fondo politiche migratorie. Il Piano comprende azioni di orientamento, formazione e tirocinio ' +
			'e il rafforzamento della rete dei servizi per il lavoro.',
		type: 'approvazione_piano',
		outcome: 'approvata',
		visibility: 'pubblica',
		decidedOn: '2025-03-18',
		publishAt: '2025-03-20T10:00:00.000Z',
		votes: ['favorevole', 'favorevole', 'favorevole', 'favorevole', 'favorevole', 'astenuto'],
		attachment: {
			title: 'Piano integrato Regione Umbria – versione approvata',
			sha256: 'c3a5f0e7b1d24e6f8a9b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f7'
		}
	},
	{
		title:
			'Parere sulla candidatura all’Avviso PRIMA per il rafforzamento dell’integrazione lavorativa',
		body:
			'Il Tavolo esprime parere favorevole alla candidatura regionale all’Avviso n. 2/2018 “PRIMA: PRogetto per ' +
			'l’Integrazione lavorativa dei MigrAnti” (FAMI 2014-2020, OS2 Integrazione/Migrazione legale), raccomandando ' +
			'il raccordo con i Centri per l’impiego e con l’Ispettorato territoriale del lavoro.',
		type: 'parere',
		outcome: 'approvata',
		visibility: 'pubblica',
		decidedOn: '2025-06-10',
		publishAt: '2025-06-12T09:30:00.000Z'
	},
	{
		title: 'Richiesta di proroga al 31 marzo per la presentazione della relazione finale',
		body:
			'Il Tavolo condivide la richiesta di proroga al 31 marzo per la sola presentazione della relazione finale del ' +
			'Piano integrato, restando invariati i termini delle attività progettuali. La segreteria trasmette la richiesta ' +
			'alla Direzione Generale competente.',
		type: 'indirizzo',
		outcome: 'approvata',
		visibility: 'pubblica',
		decidedOn: '2026-01-20',
		publishAt: '2026-01-22T11:00:00.000Z',
		votes: ['favorevole', 'favorevole', 'favorevole', 'favorevole', 'contrario', 'favorevole']
	},
	{
		title: 'Protocollo d’intesa per la prevenzione del lavoro irregolare in agricoltura',
		body:
			'Il Tavolo approva lo schema di protocollo d’intesa tra Prefettura, Ispettorato territoriale del lavoro, USL ' +
			'e Comune per azioni coordinate di prevenzione del lavoro irregolare e di tutela dei lavoratori stagionali.',
		type: 'accordo',
		outcome: 'approvata',
		visibility: 'osservatori',
		decidedOn: '2026-02-17',
		publishAt: '2026-02-18T15:00:00.000Z'
	},
	{
		title:
			'Rettifica della decisione sulla proroga: termine riferito al 31 marzo dell’anno successivo',
		body:
			'A rettifica della decisione n. 1/2026, si precisa che la proroga al 31 marzo si riferisce alla relazione finale ' +
			'dell’annualità conclusa; restano invariati gli altri contenuti.',
		type: 'indirizzo',
		outcome: 'approvata',
		visibility: 'pubblica',
		decidedOn: '2026-02-17',
		publishAt: '2026-02-19T09:00:00.000Z',
		rettificaOfIndex: 2
	},
	{
		title: 'Designazione dei referenti per il monitoraggio dei tirocini',
		body: 'La segreteria annota le designazioni pervenute dagli enti per il monitoraggio dei tirocini, in attesa di conferma formale.',
		type: 'altro',
		outcome: 'rinviata',
		visibility: 'riservata',
		decidedOn: '2026-03-03',
		publishAt: '2026-03-04T08:00:00.000Z'
	},
	{
		title: 'Approvazione del verbale della seduta di marzo',
		body: 'Il Tavolo approva il verbale della seduta di marzo, con le integrazioni richieste dal Comune di Perugia.',
		type: 'approvazione_verbale',
		outcome: 'approvata',
		visibility: 'membri',
		decidedOn: '2026-04-14'
	}
];

export function seedDecisions(): void {
	const d = db();
	const tavolo = d
		.prepare("SELECT id FROM tavoli WHERE slug = 'integrazione-lavorativa-umbria'")
		.get() as { id: number } | undefined;
	if (!tavolo) return;
	const segreteria = d
		.prepare("SELECT user_id FROM memberships WHERE tavolo_id = ? AND role = 'segreteria' LIMIT 1")
		.get(tavolo.id) as { user_id: number } | undefined;
	const enti = votingEnti(tavolo.id);
	const ids: number[] = [];
	for (const x of DECISIONS) {
		const id = Number(
			d
				.prepare(
					`INSERT INTO decisions (tavolo_id, title, body, type, outcome, voting, visibility, decided_on, rettifica_of, created_by)
					 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					tavolo.id,
					x.title,
					x.body,
					x.type,
					x.outcome,
					x.votes ? 'voti' : 'consenso',
					x.visibility,
					x.decidedOn,
					x.rettificaOfIndex !== undefined ? ids[x.rettificaOfIndex] : null,
					segreteria?.user_id ?? null
				).lastInsertRowid
		);
		x.votes?.forEach((v, i) => {
			if (enti[i])
				d.prepare(
					'INSERT INTO decision_votes (decision_id, ente_id, ente_name, vote) VALUES (?, ?, ?, ?)'
				).run(id, enti[i].id, enti[i].name, v);
		});
		if (x.attachment)
			d.prepare(
				'INSERT INTO decision_attachments (decision_id, position, title, sha256) VALUES (?, 1, ?, ?)'
			).run(id, x.attachment.title, x.attachment.sha256);
		if (x.publishAt) publishInternal(id, segreteria?.user_id ?? null, new Date(x.publishAt));
		ids.push(id);
	}
	d.prepare(
		"INSERT INTO decision_albo (decision_id, ente_name, number, published_on, url) VALUES (?, 'Regione Umbria', '412/2025', '2025-03-24', 'https://www.regione.umbria.it/albo-pretorio')"
	).run(ids[0]);
	// The Ministry's observer follows the Umbria tavolo, as the demo story goes.
	const observer = d
		.prepare("SELECT id FROM users WHERE email = 'chiara.longo@demo.raccordo.it'")
		.get() as { id: number } | undefined;
	if (observer)
		d.prepare('INSERT OR IGNORE INTO decision_follows (user_id, tavolo_id) VALUES (?, ?)').run(
			observer.id,
			tavolo.id
		);
}
