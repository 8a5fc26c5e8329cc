/**
 * The register's open data as zod schemas: what /registro.json answers (docs/registro.md,
 * "raccordo.registro/1"). /api/openapi.json is generated from these, and the API test validates
 * real answers against them, so the description cannot drift from exportRecord().
 */
import { z } from 'zod';
import { OUTCOMES, TYPES, VOTES, VOTINGS } from '../../decisions/model.js';

export const RegistroQuery = z.object({
	tavolo: z
		.string()
		.regex(/^[a-z0-9-]{1,120}$/)
		.optional()
		.describe('Slug del tavolo'),
	regione: z.string().max(60).optional(),
	anno: z.coerce.number().int().min(2000).max(2100).optional(),
	tipo: z.enum(TYPES).optional(),
	esito: z.enum(OUTCOMES).optional(),
	q: z.string().max(200).optional().describe('Ricerca testuale'),
	pagina: z.coerce.number().int().min(1).optional(),
	per_pagina: z.coerce.number().int().min(1).max(1000).optional()
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}/);

export const RegistroRecord = z.object({
	numero: z.string().describe('Riferimento, es. 2026/3'),
	anno: z.number().int(),
	progressivo: z.number().int(),
	tavolo_id: z.number().int(),
	tavolo: z.string(),
	tavolo_nome: z.string(),
	regione: z.string().nullable(),
	titolo: z.string(),
	testo: z.string(),
	tipo: z.enum(TYPES),
	esito: z.enum(OUTCOMES),
	votazione: z.enum(VOTINGS),
	voti: z.array(z.object({ ente_id: z.number().int(), ente: z.string(), voto: z.enum(VOTES) })),
	allegati: z.array(
		z.object({
			titolo: z.string(),
			sha256: z.string(),
			documento_id: z.string().nullable(),
			versione_id: z.number().int().nullable()
		})
	),
	data_decisione: day,
	data_pubblicazione: z.string().nullable(),
	rettifica: z.string().nullable(),
	rettificata_da: z.array(z.string()),
	albo_pretorio: z
		.object({ ente: z.string(), numero: z.string(), data: z.string(), url: z.string().nullable() })
		.nullable(),
	visibilita: z.literal('pubblica'),
	catena: z.object({
		sequenza: z.number().int(),
		hash_precedente: z.string().nullable(),
		hash: z.string()
	}),
	url: z.url()
});

export const Registro = z.object({
	schema: z.literal('raccordo.registro/1'),
	documentazione: z.url(),
	totale: z.number().int().min(0),
	pagina: z.number().int().min(1),
	per_pagina: z.number().int().min(1),
	pagine: z.number().int().min(1),
	successiva: z.string().nullable().describe('Percorso della pagina seguente, o null'),
	decisioni: z.array(RegistroRecord)
});
