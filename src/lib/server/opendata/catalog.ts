/**
 * The DCAT-AP_IT catalogue of the open data (/catalogo.ttl, /catalogo.jsonld), the metadata the
 * national catalogue (dati.gov.it) harvests: the whole public register as one dataset and each
 * public tavolo's register as another, each with JSON, CSV and Atom distributions.
 *
 * One graph is built once and written twice (Turtle and JSON-LD), so the two can never disagree.
 * Register rows come only through `publicAll` of decisions/public, the same visibility rule as
 * the register's own pages and exports: nothing non-public can reach the catalogue.
 */
import { publicAll } from '../decisions/public.js';

const NS = {
	rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
	xsd: 'http://www.w3.org/2001/XMLSchema#',
	dct: 'http://purl.org/dc/terms/',
	dcat: 'http://www.w3.org/ns/dcat#',
	dcatapit: 'http://dati.gov.it/onto/dcatapit#',
	foaf: 'http://xmlns.com/foaf/0.1/',
	vcard: 'http://www.w3.org/2006/vcard/ns#',
	schema: 'http://schema.org/'
} as const;

const EU = 'http://publications.europa.eu/resource/authority/';
/** CC BY 4.0 by its canonical URI, as the national open-data guidelines ask for data. */
export const LICENCE = 'https://creativecommons.org/licenses/by/4.0/';
export const THEMES = [`${EU}data-theme/GOVE`, `${EU}data-theme/SOCI`];
// Decisions are published when a tavolo decides, not on a calendar.
export const FREQUENCY = `${EU}frequency/IRREG`;
const ITALIAN = `${EU}language/ITA`;

type Value = { iri: string } | { text: string; lang?: string; type?: string } | Node;
interface Node {
	id?: string; // absent → blank node, written inline
	types: string[]; // prefixed names
	props: [string, Value][];
}

export interface CatalogConfig {
	publisherName: string;
	ipaCode: string;
	contactEmail: string;
}

/** The publisher and its IPA code (indicepa.gov.it), from the environment (README). */
export function catalogConfig(
	env: Record<string, string | undefined> = process.env
): CatalogConfig {
	const mailFrom = /<([^>]+)>/.exec(env.MAIL_FROM ?? '')?.[1];
	return {
		publisherName: env.CATALOG_PUBLISHER_NAME || 'Amministrazione dimostrativa Raccordo',
		ipaCode: env.CATALOG_IPA_CODE || 'raccordo_demo',
		contactEmail: env.CATALOG_CONTACT_EMAIL || mailFrom || 'opendata@raccordo.invalid'
	};
}

const iri = (s: string): Value => ({ iri: s });
const it = (s: string): Value => ({ text: s, lang: 'it' });
const en = (s: string): Value => ({ text: s, lang: 'en' });
const plain = (s: string): Value => ({ text: s });
const date = (s: string): Value => ({ text: s.slice(0, 10), type: 'xsd:date' });

interface Slice {
	key: string; // local identifier
	title: [string, string];
	description: [string, string];
	query: string; // '' or '?tavolo=slug'
	atom: string;
	landing: string;
	dates: { from: string; to: string; modified: string; issued: string } | null;
	keywords: string[];
}

function agent(c: CatalogConfig): Node {
	return {
		types: ['dcatapit:Agent', 'foaf:Agent'],
		props: [
			['foaf:name', it(c.publisherName)],
			['dct:identifier', plain(c.ipaCode)]
		]
	};
}

function dataset(origin: string, c: CatalogConfig, s: Slice, today: string): Node {
	const schemaDoc = `${origin}/registro/verifica`;
	const dist = (format: 'JSON' | 'CSV' | 'ATOM', path: string, media: string): Node => ({
		id: `${origin}/catalogo.ttl#${s.key}-${format.toLowerCase()}`,
		types: ['dcatapit:Distribution', 'dcat:Distribution'],
		props: [
			['dct:title', it(`${s.title[0]} (${format === 'ATOM' ? 'Atom' : format})`)],
			[
				'dct:description',
				it(`${s.description[0]} Formato ${format === 'ATOM' ? 'Atom' : format}.`)
			],
			['dct:format', iri(`${EU}file-type/${format}`)],
			['dcat:mediaType', iri(`https://www.iana.org/assignments/media-types/${media}`)],
			['dcat:accessURL', iri(`${origin}${path}`)],
			['dcat:downloadURL', iri(`${origin}${path}`)],
			['dct:license', licence()],
			['dct:conformsTo', standard(schemaDoc)]
		]
	});
	const d = s.dates;
	const props: [string, Value][] = [
		['dct:identifier', plain(`${c.ipaCode}:${s.key}`)],
		['dct:title', it(s.title[0])],
		['dct:title', en(s.title[1])],
		['dct:description', it(s.description[0])],
		['dct:description', en(s.description[1])],
		['dct:modified', date(d?.modified ?? today)],
		...(d ? ([['dct:issued', date(d.issued)]] as [string, Value][]) : []),
		...THEMES.map((t) => ['dcat:theme', iri(t)] as [string, Value]),
		['dct:accrualPeriodicity', iri(FREQUENCY)],
		['dct:language', iri(ITALIAN)],
		['dct:publisher', agent(c)],
		['dct:rightsHolder', agent(c)],
		[
			'dcat:contactPoint',
			{
				types: ['dcatapit:Organization', 'vcard:Organization', 'vcard:Kind'],
				props: [
					['vcard:fn', it(c.publisherName)],
					['vcard:hasEmail', iri(`mailto:${c.contactEmail}`)]
				]
			}
		],
		...s.keywords.map((k) => ['dcat:keyword', it(k)] as [string, Value]),
		['dcat:landingPage', iri(`${origin}${s.landing}`)],
		['dct:conformsTo', standard(schemaDoc)],
		['dcat:distribution', dist('JSON', `/registro.json${s.query}`, 'application/json')],
		['dcat:distribution', dist('CSV', `/registro.csv${s.query}`, 'text/csv')],
		['dcat:distribution', dist('ATOM', s.atom, 'application/atom+xml')]
	];
	if (d)
		props.push([
			'dct:temporal',
			{
				types: ['dct:PeriodOfTime'],
				// DCAT-AP 2 names the bounds dcat:startDate/endDate, DCAT-AP_IT 1.x schema:startDate/endDate.
				props: [
					['dcat:startDate', date(d.from)],
					['dcat:endDate', date(d.to)],
					['schema:startDate', date(d.from)],
					['schema:endDate', date(d.to)]
				]
			}
		]);
	return {
		id: `${origin}/catalogo.ttl#${s.key}`,
		types: ['dcatapit:Dataset', 'dcat:Dataset'],
		props
	};
}

function licence(): Node {
	return {
		id: LICENCE,
		types: ['dcatapit:LicenseDocument', 'dct:LicenseDocument'],
		props: [
			['dct:type', iri('http://purl.org/adms/licencetype/Attribution')],
			['foaf:name', plain('Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)')]
		]
	};
}

function standard(doc: string): Node {
	return {
		id: `${doc}#raccordo.registro-1`,
		types: ['dcatapit:Standard', 'dct:Standard'],
		props: [
			['dct:identifier', plain('raccordo.registro/1')],
			[
				'dct:title',
				it('Schema dei dati aperti del registro delle decisioni (raccordo.registro/1)')
			],
			['dct:description', it(`Campi e colonne documentati in ${doc} e in docs/registro.md.`)]
		]
	};
}

/** Every slice of the register: the whole of it, then each public tavolo with public decisions. */
function slices(): Slice[] {
	const rows = publicAll({});
	const range = (list: typeof rows) =>
		list.length === 0
			? null
			: {
					from: list.reduce((m, r) => (r.decidedOn < m ? r.decidedOn : m), list[0].decidedOn),
					to: list.reduce((m, r) => (r.decidedOn > m ? r.decidedOn : m), list[0].decidedOn),
					issued: list.reduce(
						(m, r) => (r.publishedAt < m ? r.publishedAt : m),
						list[0].publishedAt
					),
					modified: list.reduce(
						(m, r) => (r.publishedAt > m ? r.publishedAt : m),
						list[0].publishedAt
					)
				};
	const base = ['decisioni', 'tavoli tecnici', 'immigrazione', 'lavoro', 'integrazione'];
	const out: Slice[] = [
		{
			key: 'registro',
			title: [
				'Registro delle decisioni dei tavoli tecnici',
				'Register of the technical tables’ decisions'
			],
			description: [
				'Le decisioni pubblicate dai tavoli tecnici interistituzionali pubblici: numero, tavolo, testo, tipo, esito, voti per ente, allegati, catena di hash.',
				'Decisions published by the public inter-institutional technical tables: number, table, text, type, outcome, votes per organisation, attachments, hash chain.'
			],
			query: '',
			atom: '/registro.atom',
			landing: '/registro',
			dates: range(rows),
			keywords: base
		}
	];
	const byTavolo = new Map<string, typeof rows>();
	for (const r of rows)
		(byTavolo.get(r.tavoloSlug) ?? byTavolo.set(r.tavoloSlug, []).get(r.tavoloSlug)!).push(r);
	for (const [slug, list] of byTavolo) {
		const { tavoloName: name, region } = list[0];
		out.push({
			key: `registro-${slug}`,
			title: [`Registro delle decisioni — ${name}`, `Register of decisions — ${name}`],
			description: [
				`Le decisioni pubblicate dal tavolo «${name}»${region ? ` (${region})` : ''}.`,
				`Decisions published by the table “${name}”${region ? ` (${region})` : ''}.`
			],
			query: `?tavolo=${encodeURIComponent(slug)}`,
			atom: `/registro/${encodeURIComponent(slug)}/feed.atom`,
			landing: `/registro?tavolo=${encodeURIComponent(slug)}`,
			dates: range(list),
			keywords: region ? [...base, region] : base
		});
	}
	return out;
}

/** The catalogue graph for a public origin (e.g. https://raccordo.regione.example). */
export function catalogGraph(origin: string, c = catalogConfig(), now = new Date()): Node {
	const today = now.toISOString().slice(0, 10);
	const all = slices();
	return {
		id: `${origin}/catalogo.ttl#catalogo`,
		types: ['dcatapit:Catalog', 'dcat:Catalog'],
		props: [
			['dct:title', it('Catalogo dei dati aperti di Raccordo')],
			['dct:title', en('Raccordo open data catalogue')],
			[
				'dct:description',
				it('I dati aperti dei registri delle decisioni dei tavoli tecnici interistituzionali.')
			],
			['dct:description', en('Open data of the registers of the technical tables’ decisions.')],
			['dct:publisher', agent(c)],
			['dct:modified', date(all[0].dates?.modified ?? today)],
			['dct:language', iri(ITALIAN)],
			['foaf:homepage', iri(`${origin}/registro`)],
			['dcat:themeTaxonomy', iri(`${EU}data-theme`)],
			...all.map((s) => ['dcat:dataset', dataset(origin, c, s, today)] as [string, Value])
		]
	};
}

// ---- writers --------------------------------------------------------------------------------

const SAFE_IRI = /^[^\s<>"{}|^`\\]*$/;
/** The request's origin cannot be written as an IRI (a forged Host): a 400, not a broken file. */
export class UnsafeOrigin extends Error {}
function checkedIri(s: string): string {
	// An origin comes from the request's Host: never let it break out of <…>.
	if (!SAFE_IRI.test(s))
		throw new UnsafeOrigin('Indirizzo della richiesta non valido per il catalogo');
	return s;
}

const isNode = (v: Value): v is Node => 'types' in v;

/** Turtle: named nodes at top level, blank nodes inline; literals escaped as JSON strings are. */
export function toTurtle(root: Node): string {
	const named: Node[] = [];
	const seen = new Set<string>();
	const collect = (n: Node) => {
		if (n.id) {
			if (seen.has(n.id)) return;
			seen.add(n.id);
			named.push(n);
		}
		for (const [, v] of n.props) if (isNode(v)) collect(v);
	};
	collect(root);
	const term = (v: Value, indent: string): string => {
		if ('iri' in v) return `<${checkedIri(v.iri)}>`;
		if (isNode(v))
			return v.id ? `<${checkedIri(v.id)}>` : `[\n${body(v, indent + '\t')}\n${indent}]`;
		const s = JSON.stringify(v.text);
		return v.lang ? `${s}@${v.lang}` : v.type ? `${s}^^${v.type}` : s;
	};
	const body = (n: Node, indent: string): string =>
		[
			`${indent}a ${n.types.join(', ')}`,
			...n.props.map(([p, v]) => `${indent}${p} ${term(v, indent)}`)
		].join(' ;\n');
	const prefixes = Object.entries(NS).map(([k, v]) => `@prefix ${k}: <${v}> .`);
	const blocks = named.map((n) => `<${checkedIri(n.id!)}>\n${body(n, '\t')} .`);
	return `${prefixes.join('\n')}\n\n${blocks.join('\n\n')}\n`;
}

/** JSON-LD (compacted with prefixes): the same nodes; shared named nodes are written once. */
export function toJsonLd(root: Node): Record<string, unknown> {
	const written = new Set<string>();
	const graph: Record<string, unknown>[] = [];
	const obj = (n: Node): Record<string, unknown> => {
		const o: Record<string, unknown> = n.id ? { '@id': n.id } : {};
		o['@type'] = n.types;
		for (const [p, v] of n.props) {
			const val = 'iri' in v ? { '@id': v.iri } : isNode(v) ? ref(v) : literal(v);
			o[p] = o[p] === undefined ? val : [...([] as unknown[]).concat(o[p]), val];
		}
		return o;
	};
	const ref = (n: Node) => {
		if (!n.id) return obj(n);
		if (!written.has(n.id)) {
			written.add(n.id);
			graph.push(obj(n));
		}
		return { '@id': n.id };
	};
	const literal = (v: { text: string; lang?: string; type?: string }) =>
		v.lang
			? { '@value': v.text, '@language': v.lang }
			: v.type
				? { '@value': v.text, '@type': v.type }
				: v.text;
	ref(root);
	return { '@context': NS, '@graph': graph };
}
