/**
 * What a document says, as ProseMirror JSON, plain text and a canonical hash; and the templates a
 * new document starts from. The rich text is the Y.XmlFragment 'default' (Tiptap Collaboration).
 */
import * as Y from 'yjs';
import { createHash } from 'node:crypto';
import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { schemaExtensions } from '../../editor/schema.js';
import { ValidationError } from '../errors.js';

export const FRAGMENT = 'default';

export interface PMNode {
	type: string;
	attrs?: Record<string, unknown>;
	content?: PMNode[];
	marks?: { type: string; attrs?: Record<string, unknown> }[];
	text?: string;
}

let schema: Schema | null = null;
export function editorSchema(): Schema {
	return (schema ??= getSchema(schemaExtensions()));
}

export function docJson(ydoc: Y.Doc): PMNode {
	return yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(FRAGMENT)) as PMNode;
}

const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'tableRow', 'codeBlock', 'blockquote']);

export function plainText(node: PMNode): string {
	const out: string[] = [];
	const walk = (n: PMNode) => {
		if (n.type === 'text') out.push(n.text ?? '');
		else if (n.type === 'hardBreak') out.push('\n');
		else if (n.type === 'tableCell' || n.type === 'tableHeader') {
			n.content?.forEach(walk);
			out.push('\t');
		} else n.content?.forEach(walk);
		if (BLOCKS.has(n.type)) out.push('\n');
	};
	walk(node);
	return out
		.join('')
		.replace(/\t\n/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

function stable(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/**
 * The canonical content of a document: JSON with sorted keys of
 * `{ "default": <ProseMirror JSON of the rich text>, "azioni": <Y.Map 'azioni' as JSON, if any> }`.
 * Not the encoded Yjs state: two documents with the same text but different edit histories (or a
 * restored copy) have the same content and the same hash, which is what an approval pins.
 */
export function canonicalContent(ydoc: Y.Doc): string {
	const content: Record<string, unknown> = { default: docJson(ydoc) };
	if (ydoc.share.has('azioni')) content.azioni = ydoc.getMap('azioni').toJSON();
	return stable(content);
}

export function contentHash(ydoc: Y.Doc): string {
	return createHash('sha256').update(canonicalContent(ydoc)).digest('hex');
}

/** Replaces the rich text of a live document in one transaction (restore, prefill). */
export function replaceRichText(ydoc: Y.Doc, json: PMNode, origin: unknown = null): void {
	const fragment = ydoc.getXmlFragment(FRAGMENT);
	ydoc.transact(() => {
		if (fragment.length) fragment.delete(0, fragment.length);
		prosemirrorJSONToYXmlFragment(editorSchema(), json, fragment);
	}, origin);
}

/**
 * Makes a live document's content that of a stored state (a named version), in one transaction:
 * the rich text, and for a plan its actions (Y.Map 'azioni'). An action the version does not have
 * is removed, one it has is put back as it was; actions that did not change are left alone, so
 * someone editing them at that moment loses nothing. Afterwards the canonical content, and so the
 * hash, equals the version's.
 */
export function restoreState(ydoc: Y.Doc, state: Uint8Array, origin: unknown = null): void {
	withState(state, (old) =>
		ydoc.transact(() => {
			replaceRichText(ydoc, docJson(old), origin);
			if (!old.share.has('azioni') && !ydoc.share.has('azioni')) return;
			const from = old.getMap<unknown>('azioni');
			const to = ydoc.getMap<unknown>('azioni');
			for (const key of [...to.keys()]) if (!from.has(key)) to.delete(key);
			for (const [key, value] of from) {
				const now = to.get(key);
				if (stable(json(now)) === stable(json(value))) continue;
				to.set(key, value instanceof Y.AbstractType ? value.clone() : value);
			}
		}, origin)
	);
}

const json = (v: unknown) => (v instanceof Y.AbstractType ? v.toJSON() : v);

/** An encoded Yjs state holding this rich text; throws ValidationError on a JSON the schema refuses. */
export function stateFromJson(json: PMNode): Uint8Array {
	const ydoc = new Y.Doc();
	try {
		editorSchema().nodeFromJSON(json).check();
		replaceRichText(ydoc, json);
		return Y.encodeStateAsUpdate(ydoc);
	} catch {
		throw new ValidationError({ content: 'Il contenuto iniziale non è un documento valido' });
	} finally {
		ydoc.destroy();
	}
}

/** Runs fn on a throwaway document holding an encoded state (a stored version), decoded once. */
export function withState<T>(state: Uint8Array, fn: (ydoc: Y.Doc) => T): T {
	const ydoc = new Y.Doc();
	try {
		Y.applyUpdate(ydoc, state);
		return fn(ydoc);
	} finally {
		ydoc.destroy();
	}
}

// Template building blocks.
const text = (t: string): PMNode => ({ type: 'text', text: t });
const h = (level: number, t: string): PMNode => ({
	type: 'heading',
	attrs: { level },
	content: [text(t)]
});
const p = (t = ''): PMNode =>
	t ? { type: 'paragraph', content: [text(t)] } : { type: 'paragraph' };
const ul = (items: string[]): PMNode => ({
	type: 'bulletList',
	content: items.map((i) => ({ type: 'listItem', content: [p(i)] }))
});

export type Kind = 'piano' | 'verbale' | 'accordo' | 'nota';
export type Subkind = 'protocollo_intesa' | 'convenzione' | 'accordo_programma';

/** The starting text of each kind; a Piano integrato starts with its three sections. */
export function template(kind: Kind, title: string, subkind?: Subkind | null): PMNode {
	const content: PMNode[] = [h(1, title)];
	if (kind === 'piano') {
		content.push(
			h(2, '1. Analisi del contesto regionale'),
			p(
				'Caratteristiche quali-quantitative del fenomeno migratorio e organizzazione del sistema dei servizi territoriali disponibili in materia di lavoro e integrazione.'
			),
			h(2, '2. Azioni propedeutiche'),
			p(
				'Azioni per la progettazione, strutturazione e sperimentazione del sistema dei servizi territoriali integrati.'
			),
			h(2, '3. Azioni pilota'),
			p('Azioni declinate secondo le priorità di intervento della programmazione integrata:'),
			ul([
				'aumentare la partecipazione della popolazione migrante alle politiche attive del lavoro e di integrazione sociale;',
				'contrastare la povertà e l’esclusione sociale dei migranti di lungo periodo con familiari a carico;',
				'promuovere programmi di inserimento socio-lavorativo per target vulnerabili;',
				'promuovere programmi rivolti ai giovani provenienti da un contesto migratorio;',
				'supportare le attitudini imprenditoriali dei cittadini migranti.'
			])
		);
	} else if (kind === 'verbale') {
		content.push(
			h(2, 'Presenti'),
			p(),
			h(2, 'Ordine del giorno'),
			{ type: 'orderedList', content: [{ type: 'listItem', content: [p()] }] },
			h(2, 'Svolgimento della riunione'),
			p(),
			h(2, 'Decisioni'),
			p()
		);
	} else if (kind === 'accordo') {
		const name =
			subkind === 'convenzione'
				? 'La presente convenzione'
				: subkind === 'accordo_programma'
					? 'Il presente accordo di programma'
					: 'Il presente protocollo d’intesa';
		content.push(
			h(2, 'Premesse'),
			p('Visto …'),
			p('Considerato …'),
			h(2, 'Art. 1 – Oggetto'),
			p(`${name} disciplina …`),
			h(2, 'Art. 2 – Impegni delle parti'),
			p(),
			h(2, 'Art. 3 – Durata'),
			p(),
			h(2, 'Firme'),
			p()
		);
	} else {
		content.push(p());
	}
	return { type: 'doc', content };
}
