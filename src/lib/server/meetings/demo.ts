/**
 * Demo riunioni for the Umbria tavolo, drawn from the seeds (Piano integrato regionale, FAMI
 * "PRIMA" Avviso 2/2018, mediazione interculturale negli Sportelli):
 * - a past plenary, held, with attendance by ente and an approved (frozen) verbale;
 * - an upcoming convened meeting with an ordine del giorno and a few answers already given.
 * Written directly (no e-mail at seeding), with in-app notifications for the convocation.
 */
import { db } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { notify } from '../notifications/index.js';
import { romeParts, romeToUtc } from '../../rome.js';
import { open } from './access.js';
import { prefill } from './minutes-content.js';
import * as documents from '../documents/index.js';

const SLUG = 'integrazione-lavorativa-umbria';

function userByEmail(email: string): SessionUser | null {
	const u = db()
		.prepare('SELECT id, email, name, is_admin AS isAdmin FROM users WHERE email = ?')
		.get(email) as { id: number; email: string; name: string; isAdmin: number } | undefined;
	return u ? { id: u.id, email: u.email, name: u.name, isAdmin: !!u.isAdmin, locale: 'it' } : null;
}

/** Rome local date `days` from today, at a given time, as a UTC ISO instant. */
function romeDay(days: number, time: string): string {
	const d = romeParts(new Date(Date.now() + days * 86400000)).date;
	return romeToUtc(d, time)!.toISOString();
}

function insertMeeting(
	tavoloId: number,
	by: number,
	m: {
		title: string;
		startsAt: string;
		endsAt: string;
		status: string;
		place: string;
		videoUrl?: string;
		modality: string;
	}
): number {
	return Number(
		db()
			.prepare(
				`INSERT INTO meetings (tavolo_id, uid, title, starts_at, ends_at, modality, place, video_url, status, convened_at, created_by)
				 VALUES (?, lower(hex(randomblob(16))) || '@raccordo', ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				tavoloId,
				m.title,
				m.startsAt,
				m.endsAt,
				m.modality,
				m.place,
				m.videoUrl ?? '',
				m.status,
				m.startsAt,
				by
			).lastInsertRowid
	);
}

function insertAgenda(
	meetingId: number,
	items: [string, string, number | null, number | null][]
): void {
	const ins = db().prepare(
		'INSERT INTO agenda_items (meeting_id, position, title, description, proposing_ente_id, duration_minutes) VALUES (?, ?, ?, ?, ?, ?)'
	);
	items.forEach(([title, description, ente, minutes], i) =>
		ins.run(meetingId, i + 1, title, description, ente, minutes)
	);
}

/** Demo meetings, run by app.ts's demo step. */
export async function seedDemoMeetings(): Promise<void> {
	const tavolo = db().prepare('SELECT id FROM tavoli WHERE slug = ?').get(SLUG) as
		{ id: number } | undefined;
	const segreteria = userByEmail('giulia.ferretti@demo.raccordo.it');
	if (!tavolo || !segreteria) return;
	const enteOf = (email: string) =>
		(
			db()
				.prepare(
					'SELECT m.ente_id AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ? AND m.tavolo_id = ?'
				)
				.get(email, tavolo.id) as { id: number } | undefined
		)?.id ?? null;
	const cpi = enteOf('anna.moretti@demo.raccordo.it');
	const prefettura = enteOf('marco.bellini@demo.raccordo.it');
	const terzo = enteOf('davide.serra@demo.raccordo.it');

	// --- a past plenary with attendance and an approved verbale
	const past = insertMeeting(tavolo.id, segreteria.id, {
		title: 'Riunione plenaria – avvio del Piano integrato',
		startsAt: romeDay(-21, '10:00'),
		endsAt: romeDay(-21, '12:30'),
		status: 'svolta',
		modality: 'mista',
		place: 'Regione Umbria, Palazzo Donini – Sala Fiume, Perugia',
		videoUrl: 'https://videoconferenza.regione.umbria.it/tavolo-integrazione'
	});
	insertAgenda(past, [
		['Insediamento del tavolo e approvazione del regolamento di funzionamento', '', null, 20],
		[
			'Piano integrato regionale: sistema di rete territoriale dei servizi per i migranti',
			'Presentazione delle azioni propedeutiche del Piano integrato (Fondo Politiche Migratorie).',
			null,
			60
		],
		[
			'Mediatori interculturali negli Sportelli per l’immigrazione',
			'Proposta di inserimento della figura del mediatore interculturale negli Sportelli.',
			prefettura,
			40
		]
	]);
	const att = db().prepare(
		'INSERT INTO meeting_attendance (meeting_id, user_id, status, recorded_by) VALUES (?, ?, ?, ?)'
	);
	for (const [email, status] of [
		['giulia.ferretti@demo.raccordo.it', 'presente'],
		['marco.bellini@demo.raccordo.it', 'presente'],
		['sara.conti@demo.raccordo.it', 'presente'],
		['paolo.ricci@demo.raccordo.it', 'remoto'],
		['elena.marchi@demo.raccordo.it', 'presente'],
		['luca.gallo@demo.raccordo.it', 'assente'],
		['anna.moretti@demo.raccordo.it', 'presente'],
		['davide.serra@demo.raccordo.it', 'remoto']
	] as const) {
		const u = userByEmail(email);
		if (u) att.run(past, u.id, status, segreteria.id);
	}
	const doc = documents.create(segreteria, tavolo.id, {
		kind: 'verbale',
		title: 'Verbale – Riunione plenaria – avvio del Piano integrato',
		content: prefill(open(segreteria, past))
	});
	const frozen = documents.freezeUnchecked(segreteria, doc.id);
	db()
		.prepare(
			`INSERT INTO meeting_minutes (meeting_id, document_id, status, content_hash, frozen_at, approved_at, created_by)
			 VALUES (?, ?, 'approvato', ?, ?, ?, ?)`
		)
		// Approved a week after the meeting, as a tavolo would.
		.run(past, doc.id, frozen.hash, frozen.frozenAt, romeDay(-14, '12:00'), segreteria.id);
	db().prepare(`UPDATE meetings SET status = 'verbale_approvato' WHERE id = ?`).run(past);

	// --- an upcoming convened meeting with an ordine del giorno from the seeds
	const next = insertMeeting(tavolo.id, segreteria.id, {
		title: 'Riunione del tavolo – Avviso PRIMA e rete territoriale',
		startsAt: romeDay(10, '10:00'),
		endsAt: romeDay(10, '12:00'),
		status: 'convocata',
		modality: 'presenza',
		place: 'Centro per l’Impiego di Perugia, via Palermo – Sala formazione'
	});
	insertAgenda(next, [
		['Approvazione del verbale della seduta precedente', '', null, 10],
		[
			'Avviso n. 2/2018 “PRIMA – Progetto per l’integrazione lavorativa dei migranti” (FAMI 2014-2020, OS2 – ON2)',
			'Stato di avanzamento del Piano di rafforzamento regionale e calendario delle attività.',
			cpi,
			45
		],
		[
			'Rete dei servizi: Centri per l’impiego, Sportelli per l’immigrazione e servizi sociali dei Comuni',
			'Mappatura dei servizi e proposta di protocolli operativi.',
			terzo,
			40
		],
		['Varie ed eventuali', '', null, 15]
	]);
	const rsvp = db().prepare(
		'INSERT INTO meeting_rsvps (meeting_id, user_id, answer) VALUES (?, ?, ?)'
	);
	for (const [email, answer] of [
		['paolo.ricci@demo.raccordo.it', 'partecipo'],
		['elena.marchi@demo.raccordo.it', 'partecipo'],
		['luca.gallo@demo.raccordo.it', 'non_partecipo']
	] as const) {
		const u = userByEmail(email);
		if (u) rsvp.run(next, u.id, answer);
	}
	const members = (
		db().prepare('SELECT user_id FROM memberships WHERE tavolo_id = ?').all(tavolo.id) as {
			user_id: number;
		}[]
	).map((r) => r.user_id);
	await notify(members, {
		kind: 'riunione.convocata',
		tavoloId: tavolo.id,
		title: 'Convocazione: Riunione del tavolo – Avviso PRIMA e rete territoriale',
		body: 'Rispondi alla convocazione dalla pagina della riunione.',
		url: `/tavoli/${SLUG}/riunioni/${next}`
	});
}
