/**
 * The canonical serialisation and hash of a published decision (algorithm documented in
 * docs/registro.md, so that anyone can recompute it from /registro.json).
 */
import { createHash } from 'node:crypto';

export const CANONICAL_TAG = 'raccordo/decisione/1';

export interface Chainable {
	tavoloId: number;
	visibility: string;
	seq: number;
	year: number;
	number: number;
	decidedOn: string;
	publishedAt: string;
	title: string;
	body: string;
	type: string;
	outcome: string;
	voting: string;
	votes: { enteId: number; enteName: string; vote: string }[];
	attachments: { sha256: string }[];
	rettifica: string | null; // "6/2026" of the corrected decision
	prevHash: string | null;
}

/** A JSON array with fixed positions: no key order to agree on, the same bytes in any language. */
export function canonical(d: Chainable): string {
	const votes = [...d.votes]
		.sort((a, b) => a.enteId - b.enteId)
		.map((v) => [v.enteId, v.enteName, v.vote]);
	return JSON.stringify([
		CANONICAL_TAG,
		d.tavoloId,
		d.visibility,
		d.seq,
		d.year,
		d.number,
		d.decidedOn,
		d.publishedAt,
		d.title,
		d.body,
		d.type,
		d.outcome,
		d.voting,
		votes,
		d.attachments.map((a) => a.sha256),
		d.rettifica,
		d.prevHash
	]);
}

export function hashOf(d: Chainable): string {
	return createHash('sha256').update(canonical(d), 'utf8').digest('hex');
}
