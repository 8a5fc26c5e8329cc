/**
 * The open-data shapes of the register (docs/registro.md documents every field; the schema is
 * versioned): the JSON record and the CSV, written by the one CSV writer with formula escaping.
 */
import { toCsvText } from '../http/csv.js';
import type { PublicDecision } from './public.js';

/** The open-data record (docs/registro.md documents every field; the schema is versioned). */
export function exportRecord(d: PublicDecision, origin: string) {
	return {
		numero: d.ref,
		anno: d.year,
		progressivo: d.number,
		tavolo_id: d.tavoloId,
		tavolo: d.tavoloSlug,
		tavolo_nome: d.tavoloName,
		regione: d.region,
		titolo: d.title,
		testo: d.body,
		tipo: d.type,
		esito: d.outcome,
		votazione: d.voting,
		voti: d.votes.map((v) => ({ ente_id: v.enteId, ente: v.enteName, voto: v.vote })),
		allegati: d.attachments.map((a) => ({
			titolo: a.title,
			sha256: a.sha256,
			documento_id: a.documentId,
			versione_id: a.versionId
		})),
		data_decisione: d.decidedOn,
		data_pubblicazione: d.publishedAt,
		rettifica: d.rettifica,
		rettificata_da: d.rettificataDa,
		albo_pretorio: d.albo
			? { ente: d.albo.enteName, numero: d.albo.number, data: d.albo.publishedOn, url: d.albo.url }
			: null,
		visibilita: 'pubblica' as const,
		catena: { sequenza: d.seq, hash_precedente: d.prevHash, hash: d.hash },
		url: `${origin}/registro/${d.tavoloSlug}/${d.year}/${d.number}`
	};
}

export const CSV_COLUMNS = [
	'numero',
	'anno',
	'progressivo',
	'tavolo',
	'tavolo_nome',
	'regione',
	'titolo',
	'testo',
	'tipo',
	'esito',
	'votazione',
	'voti',
	'allegati',
	'data_decisione',
	'data_pubblicazione',
	'rettifica',
	'rettificata_da',
	'albo_url',
	'hash_precedente',
	'hash',
	'url'
] as const;

export function toCsv(rows: PublicDecision[], origin: string): string {
	const lines: unknown[][] = [];
	for (const d of rows) {
		const r = exportRecord(d, origin);
		const rec: Record<(typeof CSV_COLUMNS)[number], unknown> = {
			numero: r.numero,
			anno: r.anno,
			progressivo: r.progressivo,
			tavolo: r.tavolo,
			tavolo_nome: r.tavolo_nome,
			regione: r.regione,
			titolo: r.titolo,
			testo: r.testo,
			tipo: r.tipo,
			esito: r.esito,
			votazione: r.votazione,
			voti: r.voti.map((v) => `${v.ente}: ${v.voto}`).join(' | '),
			allegati: r.allegati.map((a) => `${a.titolo} (sha256:${a.sha256})`).join(' | '),
			data_decisione: r.data_decisione,
			data_pubblicazione: r.data_pubblicazione,
			rettifica: r.rettifica,
			rettificata_da: r.rettificata_da.join(' | '),
			albo_url: r.albo_pretorio?.url ?? '',
			hash_precedente: r.catena.hash_precedente,
			hash: r.catena.hash,
			url: r.url
		};
		lines.push(CSV_COLUMNS.map((c) => rec[c]));
	}
	return toCsvText(CSV_COLUMNS, lines);
}
