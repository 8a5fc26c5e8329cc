import { Feed } from 'feed';
import { OUTCOME_LABELS, TYPE_LABELS } from './index.js';
import { publicList, type PublicDecision } from './public.js';

/** Atom feed of the latest public decisions (all tavoli, or one). */
export function atom(origin: string, tavolo: { slug: string; name: string } | null): string {
	const { items } = publicList({ tavolo: tavolo?.slug, pagina: 1, perPagina: 50 });
	const self = tavolo ? `${origin}/registro/${tavolo.slug}/feed.atom` : `${origin}/registro.atom`;
	const feed = new Feed({
		id: self,
		title: tavolo
			? `Decisioni – ${tavolo.name}`
			: 'Registro delle decisioni dei tavoli tecnici – Raccordo',
		description: 'Decisioni pubbliche dei tavoli tecnici interistituzionali',
		link: tavolo ? `${origin}/registro?tavolo=${tavolo.slug}` : `${origin}/registro`,
		language: 'it',
		updated: items[0] ? new Date(items[0].publishedAt) : new Date(0),
		generator: 'Raccordo',
		feedLinks: { atom: self },
		copyright: 'Dati aperti – vedi /registro.json'
	});
	for (const d of items) feed.addItem(item(origin, d));
	return feed.atom1();
}

function item(origin: string, d: PublicDecision) {
	const link = `${origin}/registro/${d.tavoloSlug}/${d.year}/${d.number}`;
	return {
		id: link,
		title: `${d.ref} – ${d.title}`,
		link,
		date: new Date(d.publishedAt),
		published: new Date(d.publishedAt),
		description: `${d.tavoloName}. ${TYPE_LABELS[d.type]}, ${OUTCOME_LABELS[d.outcome].toLowerCase()} il ${d.decidedOn}.`,
		content: d.body,
		category: [{ name: TYPE_LABELS[d.type], term: d.type }],
		author: [{ name: d.tavoloName }]
	};
}
