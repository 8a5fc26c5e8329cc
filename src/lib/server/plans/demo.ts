/**
 * Demo plan for the Umbria tavolo: the seven azioni of the Regione Umbria Piano integrato
 * (shared/seeds/002), with capofila and partners among the tavolo's enti, funds, budgets,
 * indicators and one proroga. Dates are relative to the day the demo is seeded, so the timeline
 * always has work in progress, something completed and one action late. The Cagliari tavolo gets
 * a short plan too, so the cross-tavolo view has two regions.
 */
import { db } from '../db/index.js';
import { addAction, addIndicator, addProroga } from '../../plans/model.js';
import type { SessionUser } from '../auth/session.js';
import { createDocument, withDoc } from './docs.js';
import { createPlanUnchecked, refresh } from './lifecycle.js';

/** The tavolo's segreteria as the acting user, to create documents through the documents verbs. */
function segreteria(tavoloId: number): SessionUser {
	const u = db()
		.prepare(
			`SELECT u.id, u.email, u.name, u.is_admin, u.locale FROM memberships m JOIN users u ON u.id = m.user_id
			 WHERE m.tavolo_id = ? AND m.role = 'segreteria' ORDER BY m.id LIMIT 1`
		)
		.get(tavoloId) as {
		id: number;
		email: string;
		name: string;
		is_admin: number;
		locale: 'it' | 'en';
	};
	return { id: u.id, email: u.email, name: u.name, isAdmin: !!u.is_admin, locale: u.locale };
}

/** The documents demo's Piano integrato when it is there, else a new 'piano' document. */
function pianoDoc(tavoloId: number, title: string): string {
	const existing = db()
		.prepare(
			"SELECT id FROM documents WHERE tavolo_id = ? AND kind = 'piano' ORDER BY created_at LIMIT 1"
		)
		.get(tavoloId) as { id: string } | undefined;
	return existing?.id ?? createDocument(segreteria(tavoloId), tavoloId, title);
}

function shift(months: number, day = 1): string {
	const d = new Date();
	const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, day));
	return t.toISOString().slice(0, 10);
}

function ente(name: string): number {
	const row = db().prepare('SELECT id FROM enti WHERE name = ?').get(name) as
		{ id: number } | undefined;
	if (!row) throw new Error(`demo ente missing: ${name}`);
	return row.id;
}

function tavolo(slug: string): number | null {
	return (
		(db().prepare('SELECT id FROM tavoli WHERE slug = ?').get(slug) as { id: number } | undefined)
			?.id ?? null
	);
}

export function seedDemoPlans(): void {
	const umbria = tavolo('integrazione-lavorativa-umbria');
	if (umbria && !db().prepare('SELECT 1 FROM plans WHERE tavolo_id = ?').get(umbria)) {
		const title = 'Piano integrato regionale – Umbria';
		const plan = createPlanUnchecked(umbria, title, pianoDoc(umbria, title));
		const REG = ente('Regione Umbria – Direzione Lavoro e Formazione');
		const PREF = ente('Prefettura di Perugia – Sportello Unico per l’Immigrazione');
		const ITL = ente('Ispettorato Territoriale del Lavoro di Perugia');
		const COM = ente('Comune di Perugia');
		const USL = ente('USL Umbria 1');
		const CPI = ente('Centro per l’Impiego di Perugia');
		const COOP = ente('Cooperativa sociale Ponti Aperti');
		withDoc(plan.documentId, (doc) => {
			const a1 = addAction(doc, {
				titolo: 'I – Sviluppo di un sistema di rete territoriale di servizi per i migranti',
				descrizione:
					'Mappatura dei servizi e protocollo operativo tra sportelli, CPI e servizi sociali.',
				capofila: REG,
				partner: [CPI, COM, PREF],
				fondo: 'FPM',
				codice: 'FPM-UMB-01',
				priorita: 'P1',
				stato: 'completata',
				inizio: shift(-14),
				fine: shift(-4, 28),
				budget: 120000,
				indicatori: [
					{ nome: 'Sportelli in rete', unita: 'n.', baseline: 4, target: 12, valore: 12 }
				]
			});
			void a1;
			addAction(doc, {
				titolo: 'II – Promozione di reti tra enti pubblici e operatori privati',
				descrizione:
					'Reti per migliorare programmazione e realizzazione dei servizi rivolti ai cittadini stranieri.',
				capofila: REG,
				partner: [COOP, COM],
				fondo: 'FAMI',
				codice: 'FAMI-PRIMA-UMB',
				priorita: 'L3',
				stato: 'in_corso',
				inizio: shift(-8),
				fine: shift(6, 30),
				budget: 85000,
				indicatori: [
					{ nome: 'Accordi di rete sottoscritti', unita: 'n.', baseline: 0, target: 6, valore: 2 }
				]
			});
			const a3 = addAction(doc, {
				titolo: 'III – Aggiornamento delle metodologie di formazione degli operatori dei servizi',
				descrizione:
					'Revisione dei percorsi di qualificazione degli operatori, con moduli sulla normativa.',
				capofila: CPI,
				partner: [REG, ITL],
				fondo: 'FSE-PON',
				codice: 'POR-FSE-UMB-8.i',
				priorita: 'L8',
				stato: 'in_corso',
				inizio: shift(-10),
				fine: shift(-6, 30),
				budget: 60000,
				indicatori: [
					{ nome: 'Moduli formativi aggiornati', unita: 'n.', baseline: 0, target: 8, valore: 5 }
				]
			});
			addProroga(doc, a3, {
				fine: shift(3, 28),
				motivo: 'Ritardo nell’affidamento del servizio di progettazione formativa',
				da: 'Segreteria del tavolo',
				il: new Date(
					Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 5, 10)
				).toISOString()
			});
			addAction(doc, {
				titolo: 'IV – Inserimento del mediatore interculturale negli Sportelli',
				descrizione:
					'Presenza programmata di mediatori interculturali negli sportelli territoriali.',
				capofila: COM,
				partner: [COOP, PREF],
				fondo: 'FAMI',
				codice: 'FAMI-OS2-ON2',
				priorita: 'L1',
				stato: 'in_corso',
				inizio: shift(-6),
				fine: shift(-1, 15),
				budget: 140000,
				indicatori: [
					{
						nome: 'Ore di mediazione erogate',
						unita: 'ore',
						baseline: 0,
						target: 2400,
						valore: 1650
					}
				]
			});
			addAction(doc, {
				titolo: 'V – Mediazione sociale per la prevenzione dei conflitti tra comunità',
				descrizione: 'Interventi di mediazione sociale nei quartieri a maggiore presenza migrante.',
				capofila: COM,
				partner: [USL, COOP],
				fondo: 'REG',
				codice: 'DGR-UMB-2025',
				priorita: 'P2',
				stato: 'da_avviare',
				inizio: shift(2),
				fine: shift(12, 28),
				budget: 45000,
				indicatori: [
					{ nome: 'Casi di conflitto gestiti', unita: 'n.', baseline: 0, target: 40, valore: 0 }
				]
			});
			addAction(doc, {
				titolo: 'VI – Partnership tra scuole, Sportelli e privato sociale',
				descrizione:
					'Protocolli con le istituzioni scolastiche per facilitare l’integrazione in ambito scolastico.',
				capofila: REG,
				partner: [COM, COOP],
				fondo: 'FAMI',
				codice: 'FAMI-UMB-SCUOLA',
				priorita: 'P4',
				stato: 'sospesa',
				inizio: shift(-3),
				fine: shift(9, 30),
				budget: 70000,
				indicatori: [{ nome: 'Scuole aderenti', unita: 'n.', baseline: 0, target: 15, valore: 3 }]
			});
			const a7 = addAction(doc, {
				titolo: 'VII – Formazione per gli operatori degli sportelli',
				descrizione:
					'Cicli formativi su diritto dell’immigrazione, lavoro e contrasto allo sfruttamento.',
				capofila: CPI,
				partner: [ITL, PREF, USL],
				fondo: 'FSE-PON',
				codice: 'PON-INCL-UMB',
				priorita: 'P3',
				stato: 'in_corso',
				inizio: shift(-2),
				fine: shift(5, 30),
				budget: 38000
			});
			addIndicator(doc, a7, {
				nome: 'Operatori formati',
				unita: 'n.',
				baseline: 0,
				target: 60,
				valore: 22
			});
		});
		refresh(plan);
	}
	const cagliari = tavolo('consiglio-territoriale-cagliari');
	if (cagliari && !db().prepare('SELECT 1 FROM plans WHERE tavolo_id = ?').get(cagliari)) {
		const title = 'Piano di attività contro lo sfruttamento lavorativo';
		const plan = createPlanUnchecked(
			cagliari,
			title,
			createDocument(segreteria(cagliari), cagliari, title)
		);
		const PREF = ente('Prefettura di Cagliari');
		const REG = ente('Regione Sardegna – Assessorato del Lavoro');
		const CPI = ente('Centro per l’Impiego di Cagliari');
		withDoc(plan.documentId, (doc) => {
			addAction(doc, {
				titolo: 'Sportello mobile per i lavoratori stagionali',
				capofila: PREF,
				partner: [REG, CPI],
				fondo: 'FAMI',
				codice: 'FAMI-SUPREME',
				priorita: 'P3',
				stato: 'in_corso',
				inizio: shift(-4),
				fine: shift(4, 30),
				budget: 95000,
				indicatori: [
					{ nome: 'Lavoratori raggiunti', unita: 'n.', baseline: 0, target: 500, valore: 180 }
				]
			});
			addAction(doc, {
				titolo: 'Trasporto dedicato verso le aziende agricole',
				capofila: REG,
				partner: [PREF],
				fondo: 'REG',
				codice: 'LR-SARD-2025',
				priorita: 'L5',
				stato: 'da_avviare',
				inizio: shift(1),
				fine: shift(7, 30),
				budget: 52000
			});
		});
		refresh(plan);
	}
}
