/**
 * Edits of the azioni as small operations, applied to a Y.Doc the same way in the browser (on its
 * live copy) and on the server (the JSON endpoint, for clients without a live connection).
 */
import type * as Y from 'yjs';
import {
	addAction,
	addIndicator,
	addProroga,
	parseNumber,
	removeAction,
	removeIndicator,
	setField,
	setIndicatorField,
	setPartners,
	type IndicatorField,
	type Scalar,
	type ScalarField
} from './model.js';

export type Op =
	| { op: 'add'; id?: string; titolo: string }
	| { op: 'set'; id: string; field: ScalarField; value: Scalar }
	| { op: 'remove'; id: string }
	| { op: 'partners'; id: string; enti: number[] }
	| {
			op: 'indicator.add';
			id: string;
			nome: string;
			unita: string;
			baseline: Scalar;
			target: Scalar;
			valore: Scalar;
	  }
	| { op: 'indicator.set'; id: string; indicatorId: string; field: IndicatorField; value: Scalar }
	| { op: 'indicator.remove'; id: string; indicatorId: string }
	| { op: 'proroga'; id: string; fine: string; motivo: string };

const NUMERIC = new Set(['budget', 'baseline', 'target', 'valore']);

/** What a person typed, as stored: numbers parsed the Italian way, anything else kept as typed. */
export function normalise(field: string, value: Scalar): Scalar {
	if (NUMERIC.has(field) && typeof value === 'string') return parseNumber(value);
	if (field === 'capofila' && typeof value === 'string') return value === '' ? null : Number(value);
	if (typeof value === 'string' && (field === 'inizio' || field === 'fine')) return value.trim();
	return value;
}

/** Applies operations in one transaction; returns the ids of actions added. */
export function applyOpsToDoc(doc: Y.Doc, ops: Op[], userName: string): string[] {
	const added: string[] = [];
	doc.transact(() => {
		for (const o of ops) {
			switch (o.op) {
				case 'add':
					added.push(
						o.id ? addAction(doc, { titolo: o.titolo }, o.id) : addAction(doc, { titolo: o.titolo })
					);
					break;
				case 'set':
					setField(doc, o.id, o.field, normalise(o.field, o.value));
					break;
				case 'remove':
					removeAction(doc, o.id);
					break;
				case 'partners':
					setPartners(doc, o.id, o.enti);
					break;
				case 'indicator.add':
					addIndicator(doc, o.id, {
						nome: o.nome,
						unita: o.unita,
						baseline: normalise('baseline', o.baseline),
						target: normalise('target', o.target),
						valore: normalise('valore', o.valore)
					});
					break;
				case 'indicator.set':
					setIndicatorField(doc, o.id, o.indicatorId, o.field, normalise(o.field, o.value));
					break;
				case 'indicator.remove':
					removeIndicator(doc, o.id, o.indicatorId);
					break;
				case 'proroga':
					addProroga(doc, o.id, { fine: o.fine, motivo: o.motivo, da: userName });
					break;
			}
		}
	});
	return added;
}
