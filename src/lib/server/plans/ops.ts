/**
 * Edits to the plan's actions through the server, for clients without a live Yjs connection
 * (and tests, scripts). The same operations the browser applies to its own copy of the Y.Doc.
 */
import { z } from 'zod';
import type { SessionUser } from '../auth/session.js';
import { AccessError, assertCan } from '../policy/index.js';
import { fromZod, NotFoundError, ValidationError } from '../errors.js';
import { INDICATOR_FIELDS, SCALAR_FIELDS, STATI } from '../../plans/model.js';
import type { ActionRow } from '../../plans/projection.js';
import { applyOpsToDoc, type Op } from '../../plans/ops.js';
import { documentWritable, withDoc } from './docs.js';
import { planOf } from './rows.js';
import { refresh } from './lifecycle.js';
import { planChanged } from './notify.js';

const scalar = z.union([z.string().max(5000, 'Testo troppo lungo'), z.number(), z.null()]);
const opInput = z.discriminatedUnion('op', [
	z.object({
		op: z.literal('add'),
		id: z.string().max(40).optional(),
		titolo: z.string().max(500).default('')
	}),
	z.object({ op: z.literal('set'), id: z.string(), field: z.enum(SCALAR_FIELDS), value: scalar }),
	z.object({ op: z.literal('remove'), id: z.string() }),
	z.object({ op: z.literal('partners'), id: z.string(), enti: z.array(z.number().int()).max(100) }),
	z.object({
		op: z.literal('indicator.add'),
		id: z.string(),
		nome: z.string().max(300),
		unita: z.string().max(50).default(''),
		baseline: scalar.default(null),
		target: scalar.default(null),
		valore: scalar.default(null)
	}),
	z.object({
		op: z.literal('indicator.set'),
		id: z.string(),
		indicatorId: z.string(),
		field: z.enum(INDICATOR_FIELDS),
		value: scalar
	}),
	z.object({ op: z.literal('indicator.remove'), id: z.string(), indicatorId: z.string() }),
	z.object({
		op: z.literal('proroga'),
		id: z.string(),
		fine: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Indica la nuova data di fine (aaaa-mm-gg)'),
		motivo: z.string().trim().min(3, 'Indica il motivo della proroga').max(1000)
	})
]);
export type PlanOp = z.input<typeof opInput>;
/** The body's `ops`: also what /api/openapi.json describes for POST …/piano/api. */
export const planOps = z
	.array(opInput)
	.min(1, 'Nessuna modifica')
	.max(200, 'Troppe modifiche in una volta');

/**
 * Applies edits to the plan's document. The document stays the only truth: the projection
 * follows it. Returns the ids of actions added.
 */
export function applyOps(
	user: SessionUser | null,
	tavoloId: number,
	input: unknown
): { added: string[]; rows: ActionRow[] } {
	assertCan(user, 'plan.write', { tavoloId });
	const plan = planOf(tavoloId);
	if (!plan) throw new NotFoundError('Questo tavolo non ha ancora un piano di attività');
	const parsed = planOps.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error);
	// A frozen or archived plan document is read-only for everyone, here as on the socket.
	if (!documentWritable(user!, plan.documentId))
		throw new AccessError(403, 'Il documento del piano è in sola lettura (approvato o archiviato)');
	const ops = parsed.data as Op[];
	const added = withDoc(plan.documentId, (doc) => {
		const actions = doc.getMap('azioni');
		for (const o of ops)
			if (o.op !== 'add' && !actions.has(o.id))
				throw new NotFoundError('Azione non trovata: forse è stata eliminata');
		if (
			ops.some(
				(o) =>
					o.op === 'set' &&
					o.field === 'stato' &&
					!(STATI as readonly string[]).includes(String(o.value))
			)
		)
			throw new ValidationError({ stato: 'Stato non previsto' });
		return applyOpsToDoc(doc, ops, user!.name);
	});
	// The writer sees their result at once; the debounced refresh will find nothing new.
	const rows = refresh(plan);
	planChanged(tavoloId, 'actions');
	return { added, rows };
}
