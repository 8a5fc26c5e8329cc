/**
 * Atom feeds of the public register (RFC 4287), written here rather than with the `feed` package:
 * that package declares every title and body `type="html"` inside CDATA, so a plain-text title
 * containing `]]>` closed the CDATA and could inject forged entries into the official feed.
 * Titles, summaries and bodies are plain text: `type="text"` with XML escaping, nothing else.
 */
import { translate, translator, type Locale, type T } from '../../i18n/index.js';
import { outcomeKey, typeKey } from '../../decisions/model.js';
import { publicList, type PublicDecision } from './public.js';

// XML 1.0 forbids most control characters even escaped: they are dropped, not encoded.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export const xmlEscape = (s: string): string =>
	s
		.replace(INVALID, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');

const text = (tag: string, value: string) => `<${tag} type="text">${xmlEscape(value)}</${tag}>`;
const el = (tag: string, value: string) => `<${tag}>${xmlEscape(value)}</${tag}>`;

/** Atom feed of the latest public decisions (all tavoli, or one). */
export function atom(
	origin: string,
	tavolo: { slug: string; name: string } | null,
	locale: Locale = 'it'
): string {
	const t = translator(locale);
	const { items } = publicList({ tavolo: tavolo?.slug, pagina: 1, perPagina: 50 });
	const self = tavolo ? `${origin}/registro/${tavolo.slug}/feed.atom` : `${origin}/registro.atom`;
	const link = tavolo ? `${origin}/registro?tavolo=${tavolo.slug}` : `${origin}/registro`;
	const updated = items[0] ? new Date(items[0].publishedAt) : new Date(0);
	return [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
		el('id', self),
		text('title', tavolo ? t('feed.titleTavolo', { name: tavolo.name }) : t('feed.title')),
		el('updated', updated.toISOString()),
		el('generator', 'Raccordo'),
		`<link rel="alternate" href="${xmlEscape(link)}"/>`,
		`<link rel="self" href="${xmlEscape(self)}"/>`,
		text('subtitle', t('feed.subtitle')),
		text('rights', t('feed.rights')),
		...items.map((d) => entry(origin, d, t)),
		'</feed>'
	].join('\n');
}

function entry(origin: string, d: PublicDecision, t: T): string {
	const link = `${origin}/registro/${d.tavoloSlug}/${d.year}/${d.number}`;
	const published = new Date(d.publishedAt).toISOString();
	const type = t(typeKey(d.type));
	return [
		'<entry>',
		text('title', `${d.ref} – ${d.title}`),
		el('id', link),
		`<link href="${xmlEscape(link)}"/>`,
		el('updated', published),
		text(
			'summary',
			t('feed.summary', {
				tavolo: d.tavoloName,
				type,
				outcome: t(outcomeKey(d.outcome)).toLowerCase(),
				date: d.decidedOn
			})
		),
		text('content', d.body),
		`<author>${el('name', d.tavoloName)}</author>`,
		`<category term="${xmlEscape(d.type)}" label="${xmlEscape(type)}"/>`,
		el('published', published),
		'</entry>'
	].join('\n');
}
