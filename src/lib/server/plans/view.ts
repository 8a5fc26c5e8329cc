/** What a reader of the plan gets: the table's rows and figures, the encoded document, the print sections. */
import * as Y from 'yjs';
import { db } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertCan, can } from '../policy/index.js';
import { figures, todayIso, type ActionRow, type PlanFigures } from '../../plans/projection.js';
import { readProjection } from './projection.js';
import { documentWritable, withDoc } from './docs.js';
import { optionsOf, planOf, type Plan, type PlanOption } from './rows.js';

export interface PlanView {
	plan: Plan | null;
	rows: ActionRow[];
	options: PlanOption[];
	enti: { id: number; name: string; member: boolean }[];
	figures: PlanFigures;
	today: string;
	canWrite: boolean;
	canConfigure: boolean;
}

export function view(user: SessionUser | null, tavoloId: number): PlanView {
	assertCan(user, 'plan.read', { tavoloId });
	const plan = planOf(tavoloId);
	const rows = plan ? readProjection(db(), [plan.id]).get(plan.id)! : [];
	const today = todayIso();
	const memberEnti = new Set(
		(
			db()
				.prepare('SELECT DISTINCT ente_id FROM memberships WHERE tavolo_id = ?')
				.all(tavoloId) as { ente_id: number }[]
		).map((r) => r.ente_id)
	);
	const enti = (
		db().prepare('SELECT id, name FROM enti ORDER BY name').all() as { id: number; name: string }[]
	).map((e) => ({
		...e,
		member: memberEnti.has(e.id)
	}));
	return {
		plan,
		rows,
		options: optionsOf(tavoloId),
		enti,
		figures: figures(rows, today),
		today,
		canWrite:
			can(user, 'plan.write', { tavoloId }) && !!plan && documentWritable(user!, plan.documentId),
		canConfigure: can(user, 'plan.configure', { tavoloId })
	};
}

/** The encoded document, for a client without a live connection (print, first paint). */
export function documentState(user: SessionUser | null, tavoloId: number): Uint8Array | null {
	assertCan(user, 'plan.read', { tavoloId });
	const plan = planOf(tavoloId);
	return plan ? withDoc(plan.documentId, (doc) => Y.encodeStateAsUpdate(doc)) : null;
}

export interface Block {
	kind: 'heading' | 'paragraph' | 'item';
	level: number;
	text: string;
}

function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlFragment): string {
	if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, '');
	return node
		.toArray()
		.map((c) => textOf(c as Y.XmlElement | Y.XmlText))
		.join('');
}

/**
 * The rich-text sections of the plan's document (the Y.XmlFragment 'default' the documents
 * editor writes), flattened to headings, paragraphs and list items for the print view.
 */
export function sections(user: SessionUser | null, tavoloId: number): Block[] {
	assertCan(user, 'plan.read', { tavoloId });
	const plan = planOf(tavoloId);
	if (!plan) return [];
	return withDoc(plan.documentId, (doc) => {
		const out: Block[] = [];
		const walk = (n: Y.XmlElement | Y.XmlText) => {
			if (n instanceof Y.XmlText) {
				const text = textOf(n).trim();
				if (text) out.push({ kind: 'paragraph', level: 0, text });
				return;
			}
			const name = n.nodeName;
			if (name === 'heading')
				out.push({ kind: 'heading', level: Number(n.getAttribute('level')) || 2, text: textOf(n) });
			else if (name === 'paragraph') out.push({ kind: 'paragraph', level: 0, text: textOf(n) });
			else if (name === 'listItem') out.push({ kind: 'item', level: 0, text: textOf(n) });
			else for (const c of n.toArray()) walk(c as Y.XmlElement | Y.XmlText);
		};
		for (const c of doc.getXmlFragment('default').toArray()) walk(c as Y.XmlElement | Y.XmlText);
		return out.filter((b) => b.text.trim());
	});
}
