/**
 * The OpenAPI 3.1 description of every JSON endpoint, generated from the zod schemas the server
 * validates with and the response schemas beside each domain (ADR 017): no hand-written copy.
 * A route missing from OPERATIONS fails tests/integration/openapi.test.ts.
 */
import { z } from 'zod';
import { Problem, PROBLEM_TYPE } from './problem.js';
import { Registro, RegistroQuery } from '../decisions/schemas.js';
import { PlanActions, PlanOpsBody, PlanOpsResult } from '../plans/schemas.js';
import { MeetingJson } from '../meetings/schemas.js';
import {
	MarkReadBody,
	NotificationList,
	NotificationsQuery,
	UnreadCount
} from '../notifications/schemas.js';
import { MyData } from '../privacy/schemas.js';
import { CatalogJsonLd, Health } from '../opendata/schemas.js';

type Schema = z.ZodType;
interface Operation {
	path: string;
	method: 'get' | 'post';
	tag: string;
	summary: string;
	description?: string;
	auth: 'public' | 'session';
	params?: Record<string, string>;
	query?: z.ZodObject;
	body?: { name: string; schema: Schema };
	ok: { name: string; schema: Schema; status?: number; type?: string };
	errors: number[];
	/** A download linked from a page: signed out, 303 to the login page instead of a 401. */
	login?: true;
}

const SCHEMAS = {
	Registro,
	PlanActions,
	PlanOpsBody,
	PlanOpsResult,
	MeetingJson,
	NotificationList,
	MarkReadBody,
	UnreadCount,
	MyData,
	CatalogJsonLd,
	Health,
	Problem
} satisfies Record<string, Schema>;
type Name = keyof typeof SCHEMAS;
const named = (name: Name) => ({ name, schema: SCHEMAS[name] });

export const OPERATIONS: Operation[] = [
	{
		path: '/registro.json',
		method: 'get',
		tag: 'Registro',
		summary: 'Registro pubblico delle decisioni (dati aperti, paginato)',
		description: 'Schema "raccordo.registro/1", descritto in docs/registro.md.',
		auth: 'public',
		query: RegistroQuery,
		ok: named('Registro'),
		errors: [400]
	},
	{
		path: '/tavoli/{slug}/piano/azioni.json',
		method: 'get',
		tag: 'Piano',
		summary: 'Azioni del piano di attività di un tavolo',
		auth: 'session',
		params: { slug: 'Slug del tavolo' },
		ok: named('PlanActions'),
		errors: [403, 404],
		login: true
	},
	{
		path: '/tavoli/{slug}/piano/api',
		method: 'post',
		tag: 'Piano',
		summary: 'Modifica le azioni del piano (tutte o nessuna)',
		auth: 'session',
		params: { slug: 'Slug del tavolo' },
		body: named('PlanOpsBody'),
		ok: named('PlanOpsResult'),
		errors: [400, 401, 403, 404]
	},
	{
		path: '/api/riunioni/{id}',
		method: 'get',
		tag: 'Riunioni',
		summary: 'Una riunione: stato, ordine del giorno, risposte per ente, quorum, verbali',
		auth: 'session',
		params: { id: 'Id della riunione' },
		ok: named('MeetingJson'),
		errors: [404]
	},
	{
		path: '/api/notifiche',
		method: 'get',
		tag: 'Notifiche',
		summary: 'Le mie notifiche, le più recenti prima',
		auth: 'session',
		query: NotificationsQuery,
		ok: named('NotificationList'),
		errors: [400, 401]
	},
	{
		path: '/api/notifiche',
		method: 'post',
		tag: 'Notifiche',
		summary: 'Segna come lette alcune notifiche o tutte',
		auth: 'session',
		body: named('MarkReadBody'),
		ok: named('UnreadCount'),
		errors: [400, 401]
	},
	{
		path: '/privacy/i-miei-dati',
		method: 'get',
		tag: 'Privacy',
		summary: 'Scarica i miei dati (GDPR art. 15 e 20)',
		auth: 'session',
		ok: named('MyData'),
		errors: [],
		login: true
	},
	{
		path: '/catalogo.jsonld',
		method: 'get',
		tag: 'Dati aperti',
		summary: 'Catalogo DCAT-AP_IT dei dati aperti, in JSON-LD',
		auth: 'public',
		ok: { ...named('CatalogJsonLd'), type: 'application/ld+json' },
		errors: [400]
	},
	{
		path: '/healthz',
		method: 'get',
		tag: 'Servizio',
		summary: 'Stato del servizio (503 quando il database non risponde)',
		auth: 'public',
		ok: named('Health'),
		errors: []
	},
	{
		path: '/api/openapi.json',
		method: 'get',
		tag: 'Servizio',
		summary: 'Questo documento OpenAPI 3.1',
		auth: 'public',
		ok: { name: 'OpenApi', schema: z.looseObject({ openapi: z.string() }) },
		errors: []
	}
];

/** zod → JSON Schema 2020-12, which is OpenAPI 3.1's own dialect. */
function jsonSchema(s: Schema, io: 'input' | 'output' = 'output'): Record<string, unknown> {
	const { $schema: _ignored, ...rest } = z.toJSONSchema(s, {
		target: 'draft-2020-12',
		io,
		unrepresentable: 'any'
	}) as Record<string, unknown>;
	return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemResponse = (status: number) => ({
	description: `${status}: problem details (RFC 9457)`,
	content: { [PROBLEM_TYPE]: { schema: ref('Problem') } }
});

export function openApiDocument(version = '0.1.0') {
	const paths: Record<string, Record<string, unknown>> = {};
	const schemas: Record<string, unknown> = {};
	for (const [name, s] of Object.entries(SCHEMAS)) schemas[name] = jsonSchema(s);
	schemas.PlanOpsBody = jsonSchema(PlanOpsBody, 'input');
	schemas.MarkReadBody = jsonSchema(MarkReadBody, 'input');
	for (const op of OPERATIONS) {
		const parameters: unknown[] = Object.entries(op.params ?? {}).map(([name, description]) => ({
			name,
			in: 'path',
			required: true,
			description,
			schema: { type: 'string' }
		}));
		if (op.query) {
			const q = jsonSchema(op.query, 'input') as {
				properties?: Record<string, Record<string, unknown>>;
				required?: string[];
			};
			for (const [name, schema] of Object.entries(q.properties ?? {})) {
				const { description, ...rest } = schema;
				parameters.push({
					name,
					in: 'query',
					required: q.required?.includes(name) ?? false,
					...(description ? { description } : {}),
					schema: rest
				});
			}
		}
		if (!op.ok.name.startsWith('Open')) schemas[op.ok.name] ??= jsonSchema(op.ok.schema);
		const responses: Record<string, unknown> = {
			[String(op.ok.status ?? 200)]: {
				description: 'OK',
				content: {
					[op.ok.type ?? 'application/json']: {
						schema: op.ok.name === 'OpenApi' ? { type: 'object' } : ref(op.ok.name)
					}
				}
			}
		};
		for (const status of op.errors) responses[status] = problemResponse(status);
		if (op.login)
			responses['303'] = {
				description: 'Non autenticato: rimanda a /login?next=…',
				headers: { location: { schema: { type: 'string' } } }
			};
		paths[op.path] ??= {};
		paths[op.path][op.method] = {
			tags: [op.tag],
			summary: op.summary,
			...(op.description ? { description: op.description } : {}),
			operationId: `${op.method}${op.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string = '') => c.toUpperCase())}`,
			...(op.auth === 'session' ? { security: [{ session: [] }] } : { security: [] }),
			...(parameters.length ? { parameters } : {}),
			...(op.body
				? {
						requestBody: {
							required: true,
							content: { 'application/json': { schema: ref(op.body.name) } }
						}
					}
				: {}),
			responses
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Raccordo API',
			version,
			description:
				'Le API JSON di Raccordo. Gli errori sono sempre application/problem+json (RFC 9457). ' +
				'Le richieste che modificano dati devono avere un Origin della stessa origine.',
			license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' }
		},
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		servers: [{ url: '/' }],
		tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
		paths,
		components: {
			schemas,
			securitySchemes: {
				session: {
					type: 'apiKey',
					in: 'cookie',
					name: 'session',
					description: 'Cookie di sessione (__Host-session fuori da localhost)'
				}
			}
		}
	};
}
