// The DCAT-AP_IT catalogue (/catalogo.ttl, /catalogo.jsonld) parsed back with a real RDF parser and
// checked for the properties DCAT-AP_IT makes mandatory for catalogue, datasets and distributions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser, Store, DataFactory, type Quad } from 'n3';
import { startServer, type TestServer } from '../helpers/server';
import { CAGLIARI, UMBRIA } from '../helpers/http';

const NS = {
	rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
	dct: 'http://purl.org/dc/terms/',
	dcat: 'http://www.w3.org/ns/dcat#',
	dcatapit: 'http://dati.gov.it/onto/dcatapit#',
	foaf: 'http://xmlns.com/foaf/0.1/',
	vcard: 'http://www.w3.org/2006/vcard/ns#'
};
const q = (curie: string) => {
	const [p, l] = curie.split(':') as [keyof typeof NS, string];
	return DataFactory.namedNode(NS[p] + l);
};
const TYPE = q('rdf:type');

/** DCAT-AP_IT's mandatory properties per class (the profile's "M" rows, plus the publisher's IPA code). */
const REQUIRED: Record<string, string[]> = {
	'dcatapit:Catalog': [
		'dct:title',
		'dct:description',
		'dct:publisher',
		'dct:modified',
		'dcat:dataset',
		'foaf:homepage'
	],
	'dcatapit:Dataset': [
		'dct:identifier',
		'dct:title',
		'dct:description',
		'dct:modified',
		'dcat:theme',
		'dct:rightsHolder',
		'dct:accrualPeriodicity',
		'dcat:distribution',
		'dcat:contactPoint',
		'dct:publisher',
		'dct:temporal'
	],
	'dcatapit:Distribution': [
		'dct:format',
		'dcat:accessURL',
		'dct:license',
		'dcat:mediaType',
		'dct:conformsTo'
	],
	'dcatapit:Agent': ['foaf:name', 'dct:identifier'],
	'dcatapit:Organization': ['vcard:fn', 'vcard:hasEmail'],
	'dcatapit:LicenseDocument': ['dct:type', 'foaf:name']
};

/** "<class> <subject> lacks <property>" for every missing mandatory property. */
function missing(store: Store): string[] {
	const out: string[] = [];
	for (const [cls, props] of Object.entries(REQUIRED))
		for (const s of store.getSubjects(TYPE, q(cls), null))
			for (const p of props)
				if (store.countQuads(s, q(p), null, null) === 0) out.push(`${cls} ${s.value} lacks ${p}`);
	return out;
}

let server: TestServer;
let store: Store;
let turtle: string;
beforeAll(async () => {
	server = await startServer({
		env: {
			CATALOG_PUBLISHER_NAME: 'Regione Umbria',
			CATALOG_IPA_CODE: 'r_umbria',
			CATALOG_CONTACT_EMAIL: 'opendata@regione.umbria.example'
		}
	});
	const res = await fetch(`${server.url}/catalogo.ttl`);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/^text\/turtle/);
	turtle = await res.text();
	store = new Store(new Parser({ baseIRI: server.url }).parse(turtle));
});
afterAll(() => server?.stop());

const objects = (s: string, p: string) => store.getObjects(DataFactory.namedNode(s), q(p), null);
const datasets = () =>
	store
		.getSubjects(TYPE, q('dcatapit:Dataset'), null)
		.map((t) => t.value)
		.sort();

describe('DCAT-AP_IT catalogue', () => {
	it('is valid Turtle with every mandatory property of catalogue, datasets and distributions', () => {
		expect(store.size).toBeGreaterThan(50);
		expect(store.getSubjects(TYPE, q('dcatapit:Catalog'), null)).toHaveLength(1);
		expect(missing(store)).toEqual([]);
		expect(store.getSubjects(TYPE, q('dcatapit:Distribution'), null).length).toBe(
			3 * datasets().length
		);
	});

	it('describes the whole register and each public tavolo, never a private one', () => {
		expect(datasets()).toEqual([
			`${server.url}/catalogo.ttl#registro`,
			`${server.url}/catalogo.ttl#registro-${UMBRIA}`
		]);
		expect(turtle).not.toContain(CAGLIARI);
		const ids = datasets().flatMap((d) => objects(d, 'dct:identifier').map((o) => o.value));
		expect(ids).toEqual(['r_umbria:registro', `r_umbria:registro-${UMBRIA}`]);
	});

	it('names the configured publisher with its IPA code, CC BY 4.0, EU themes and frequency', () => {
		const agents = store.getSubjects(TYPE, q('dcatapit:Agent'), null);
		for (const a of agents) {
			expect(store.getObjects(a, q('dct:identifier'), null)[0].value).toBe('r_umbria');
			expect(store.getObjects(a, q('foaf:name'), null)[0].value).toBe('Regione Umbria');
		}
		const d = `${server.url}/catalogo.ttl#registro-${UMBRIA}`;
		expect(
			objects(d, 'dcat:theme')
				.map((t) => t.value)
				.sort()
		).toEqual([
			'http://publications.europa.eu/resource/authority/data-theme/GOVE',
			'http://publications.europa.eu/resource/authority/data-theme/SOCI'
		]);
		expect(objects(d, 'dct:accrualPeriodicity')[0].value).toBe(
			'http://publications.europa.eu/resource/authority/frequency/IRREG'
		);
		const contact = objects(d, 'dcat:contactPoint')[0];
		expect(store.getObjects(contact, q('vcard:hasEmail'), null)[0].value).toBe(
			'mailto:opendata@regione.umbria.example'
		);
		const temporal = objects(d, 'dct:temporal')[0];
		const start = store.getObjects(temporal, q('dcat:startDate'), null)[0].value;
		expect(start).toMatch(/^\d{4}-\d{2}-\d{2}$/);

		const dists = objects(d, 'dcat:distribution');
		const media = dists
			.flatMap((x) => store.getObjects(x, q('dcat:mediaType'), null).map((m) => m.value))
			.sort();
		expect(media).toEqual([
			'https://www.iana.org/assignments/media-types/application/atom+xml',
			'https://www.iana.org/assignments/media-types/application/json',
			'https://www.iana.org/assignments/media-types/text/csv'
		]);
		for (const x of dists) {
			expect(store.getObjects(x, q('dct:license'), null)[0].value).toBe(
				'https://creativecommons.org/licenses/by/4.0/'
			);
			expect(store.getObjects(x, q('dct:conformsTo'), null)[0].value).toContain(
				'/registro/verifica'
			);
		}
	});

	it('links distributions that answer: JSON, CSV and Atom of the tavolo', async () => {
		const d = `${server.url}/catalogo.ttl#registro-${UMBRIA}`;
		for (const x of objects(d, 'dcat:distribution')) {
			const url = store.getObjects(x, q('dcat:downloadURL'), null)[0].value;
			const res = await fetch(url);
			expect(res.status, url).toBe(200);
			await res.arrayBuffer();
		}
	});

	it('catches a catalogue without a required property', () => {
		const broken = new Store(store.getQuads(null, null, null, null));
		const d = DataFactory.namedNode(`${server.url}/catalogo.ttl#registro`);
		broken.removeQuads(broken.getQuads(d, q('dct:accrualPeriodicity'), null, null) as Quad[]);
		expect(missing(broken)).toEqual([`dcatapit:Dataset ${d.value} lacks dct:accrualPeriodicity`]);
	});

	it('answers a forged Host that cannot be written as an IRI with 400, not a broken file', async () => {
		const { request } = await import('node:http');
		const status = await new Promise<number>((resolve, reject) => {
			const req = request(
				{ host: '127.0.0.1', port: server.port, path: '/catalogo.ttl', headers: { host: 'a"b' } },
				(res) => (res.resume(), resolve(res.statusCode ?? 0))
			);
			req.on('error', reject);
			req.end();
		});
		expect(status).toBe(400);
	});

	it('serves the same datasets as JSON-LD', async () => {
		const res = await fetch(`${server.url}/catalogo.jsonld`);
		expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
		const doc = JSON.parse(await res.text());
		expect(doc['@context'].dcat).toBe(NS.dcat);
		const ds = (doc['@graph'] as { '@id': string; '@type': string[] }[])
			.filter((n) => n['@type'].includes('dcatapit:Dataset'))
			.map((n) => n['@id'])
			.sort();
		expect(ds).toEqual(datasets());
	});
});
