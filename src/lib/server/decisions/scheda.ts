/**
 * The public *scheda del tavolo* (ADR 016): what anyone, signed in or not, may know of a public
 * tavolo — who it is (name, region, theme, description), which enti compose it, its public
 * decisions and their open data. Never a person: names, roles and e-mails of the people who sit
 * at the table are workspace data (`tavolo.read`).
 */
import { db } from '../db/index.js';
import type { Tavolo } from '../tavoli/index.js';
import { publicAll } from './public.js';

/** A public tavolo's page: what it is (as Tavolo says), who sits at it, what it decided. */
export interface Scheda extends Pick<
	Tavolo,
	'slug' | 'name' | 'description' | 'region' | 'theme' | 'status'
> {
	enti: { name: string }[];
	decisions: { ref: string; year: number; number: number; title: string; decidedOn: string }[];
	/** The DCAT dataset of its decisions, in the catalogue only once it has public decisions. */
	dataset: string | null;
}

/** The scheda of a public tavolo, or null: private and unknown tavoli are the same absence. */
export function scheda(slug: string): Scheda | null {
	const t = db()
		.prepare(
			`SELECT id, slug, name, description, region, theme, status
			 FROM tavoli WHERE slug = ? AND is_public = 1`
		)
		.get(slug) as (Omit<Scheda, 'enti' | 'decisions' | 'dataset'> & { id: number }) | undefined;
	if (!t) return null;
	const enti = db()
		.prepare(
			`SELECT DISTINCT e.name AS name
			 FROM memberships m JOIN enti e ON e.id = m.ente_id
			 WHERE m.tavolo_id = ? ORDER BY e.name`
		)
		.all(t.id) as { name: string }[];
	const decisions = publicAll({ tavolo: t.slug })
		.map((d) => ({
			ref: d.ref,
			year: d.year,
			number: d.number,
			title: d.title,
			decidedOn: d.decidedOn
		}))
		.reverse();
	return {
		slug: t.slug,
		name: t.name,
		description: t.description,
		region: t.region,
		theme: t.theme,
		status: t.status,
		enti,
		decisions,
		// The fragment catalog.ts gives this tavolo's slice of the register.
		dataset: decisions.length ? `/catalogo.ttl#registro-${t.slug}` : null
	};
}
