/**
 * The plan's JSON as zod schemas: the body POST …/piano/api accepts (the same `planOps` applyOps
 * parses) and what …/piano/azioni.json and the edit endpoint answer. Source of /api/openapi.json.
 */
import { z } from 'zod';
import { planOps } from './ops.js';

export const PlanOpsBody = z.object({ ops: planOps });

export const PlanOpsResult = z.object({
	ok: z.literal(true),
	added: z.array(z.string()).describe('Id delle azioni aggiunte'),
	actions: z.number().int().describe('Azioni nel piano dopo le modifiche')
});

const issue = z.object({ field: z.string(), message: z.string() });
const code = z.object({ codice: z.string(), descrizione: z.string() });
const ente = z.object({ id: z.number().int(), nome: z.string().nullable() });

export const PlanActions = z.object({
	piano: z
		.object({
			titolo: z.string(),
			tavoloId: z.number().int(),
			documento: z.string(),
			generato: z.iso.datetime()
		})
		.nullable(),
	aree: z.array(code),
	fondi: z.array(code),
	azioni: z.array(
		z.object({
			id: z.string(),
			titolo: z.string(),
			descrizione: z.string(),
			capofila: ente.nullable(),
			partner: z.array(ente),
			inizio: z.string().nullable(),
			fine: z.string().nullable(),
			stato: z.string(),
			inRitardo: z.boolean(),
			fondo: z.string().nullable(),
			codiceProgramma: z.string().nullable(),
			budgetEur: z.number().nullable(),
			budgetNonValido: z.string().nullable(),
			areaPrioritaria: z.string().nullable(),
			indicatori: z.array(
				z.object({
					nome: z.string(),
					unita: z.string(),
					partenza: z.number().nullable(),
					obiettivo: z.number().nullable(),
					attuale: z.number().nullable(),
					valoriNonValidi: z
						.object({
							baseline: z.string().nullable(),
							target: z.string().nullable(),
							valore: z.string().nullable()
						})
						.nullable(),
					avanzamento: z.number().nullable()
				})
			),
			proroghe: z.array(
				z.object({
					nuovaFine: z.string(),
					finePrecedente: z.string(),
					motivo: z.string(),
					da: z.string(),
					il: z.string()
				})
			),
			segnalazioni: z.array(issue)
		})
	)
});
