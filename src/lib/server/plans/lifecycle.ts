/**
 * A plan's life: created on a 'piano' document, its SQL projection kept following that document
 * (debounced refresh on every change), rebuilt at start-up when missing.
 */
import { z } from 'zod';
import { db } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertCan } from '../policy/index.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { ActionRow } from '../../plans/projection.js';
import { refreshFromDoc } from './projection.js';
import { createDocument, onDocumentChange, pianoDocument, withDoc } from './docs.js';
import { PLAN_COLS, planByDocument, planOf, type Plan } from './rows.js';
import { seedOptions } from './options.js';
import { planChanged } from './notify.js';

const titleInput = z
	.string()
	.trim()
	.min(3, 'Indica un titolo di almeno 3 caratteri')
	.max(200, 'Titolo troppo lungo');

/**
 * Creates the tavolo's plan: on an existing 'piano' document of the tavolo (documentId), or on a
 * new one with the standard sections.
 */
export function createPlan(
	user: SessionUser | null,
	tavoloId: number,
	input: { title?: unknown; documentId?: unknown } = {}
): Plan {
	assertCan(user, 'plan.configure', { tavoloId });
	if (planOf(tavoloId)) throw new ConflictError('Questo tavolo ha già un piano di attività');
	const docId = typeof input.documentId === 'string' ? input.documentId.trim() : '';
	if (docId) {
		let info: ReturnType<typeof pianoDocument>;
		try {
			info = pianoDocument(user!, tavoloId, docId);
		} catch {
			info = null;
		}
		if (!info)
			throw new ValidationError({
				documentId: 'Scegli un documento di tipo piano di questo tavolo'
			});
		if (planByDocument(docId))
			throw new ValidationError({ documentId: 'Questo documento è già il piano di un tavolo' });
		return createPlanUnchecked(tavoloId, info.title, docId);
	}
	const t = titleInput.safeParse(input.title ?? 'Piano di attività');
	if (!t.success) throw new ValidationError({ title: t.error.issues[0].message });
	return createPlanUnchecked(tavoloId, t.data, createDocument(user!, tavoloId, t.data));
}

/** Records an existing 'piano' document as the tavolo's plan (demo seed, benchmarks: no user). */
export function createPlanUnchecked(tavoloId: number, title: string, documentId: string): Plan {
	db()
		.prepare('INSERT INTO plans (tavolo_id, document_id, title) VALUES (?, ?, ?)')
		.run(tavoloId, documentId, title);
	seedOptions(tavoloId);
	const plan = planOf(tavoloId)!;
	refresh(plan);
	return plan;
}

/** The tavolo's 'piano' documents not yet used as a plan, for the "create plan" form. */
export function candidateDocuments(
	user: SessionUser | null,
	tavoloId: number
): { id: string; title: string }[] {
	assertCan(user, 'plan.read', { tavoloId });
	return db()
		.prepare(
			`SELECT d.id, d.title FROM documents d WHERE d.tavolo_id = ? AND d.kind = 'piano' AND d.status = 'attivo'
			 AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.document_id = d.id) ORDER BY d.created_at`
		)
		.all(tavoloId) as { id: string; title: string }[];
}

/** Brings one plan's projection up to date with its document now (`full`: rewrite every row). */
export function refresh(plan: Plan, opts: { full?: boolean } = {}): ActionRow[] {
	return withDoc(plan.documentId, (doc) =>
		refreshFromDoc(db(), plan.id, plan.tavoloId, doc, undefined, opts)
	);
}

const DEBOUNCE_MS = 150;
const SUB = Symbol.for('raccordo.plans.subscribed');
type G = typeof globalThis & { [SUB]?: { timers: Map<string, ReturnType<typeof setTimeout>> } };

/**
 * Subscribes the projection to document changes (debounced per document: a burst of keystrokes
 * is one refresh), then tells the tavolo's open pages that the figures moved. Pages that hold the
 * Y.Doc ignore that event (they had the change at once); it is for views without the document.
 */
export function subscribeProjection(): void {
	const g = globalThis as G;
	if (g[SUB]) return;
	const timers = new Map<string, ReturnType<typeof setTimeout>>();
	g[SUB] = { timers };
	onDocumentChange((documentId) => {
		clearTimeout(timers.get(documentId));
		timers.set(
			documentId,
			setTimeout(() => {
				timers.delete(documentId);
				const plan = planByDocument(documentId);
				if (!plan) return;
				refresh(plan);
				planChanged(plan.tavoloId, 'actions');
			}, DEBOUNCE_MS)
		);
	});
}

/** Start-up: plans whose projection was never built (or was lost) are rebuilt from the document. */
export function rebuildMissing(): number {
	const plans = db()
		.prepare(
			`SELECT ${PLAN_COLS} FROM plans p WHERE projected_at IS NULL
			 OR NOT EXISTS (SELECT 1 FROM plan_actions a WHERE a.plan_id = p.id)`
		)
		.all() as Plan[];
	for (const p of plans) refresh(p, { full: true });
	return plans.length;
}
