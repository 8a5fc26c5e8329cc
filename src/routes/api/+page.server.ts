import type { PageServerLoad } from './$types';
import { openApiDocument } from '$lib/server/api/openapi';

type Param = { name: string; in: string; required: boolean; description?: string; schema: object };
type Op = {
	summary: string;
	description?: string;
	security: object[];
	parameters?: Param[];
	requestBody?: { content: Record<string, { schema: { $ref: string } }> };
	responses: Record<string, { description: string; content?: Record<string, { schema: object }> }>;
};

const refName = (s: object) =>
	'$ref' in s && typeof s.$ref === 'string' ? s.$ref.split('/').pop()! : null;

/** The public API reference, read from the same generated document /api/openapi.json serves. */
export const load: PageServerLoad = () => {
	const doc = openApiDocument();
	const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
		Object.entries(methods as Record<string, Op>).map(([method, op]) => ({
			id: `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-'),
			path,
			method: method.toUpperCase(),
			summary: op.summary,
			description: op.description ?? '',
			session: op.security.length > 0,
			parameters: (op.parameters ?? []).map((p) => ({
				name: p.name,
				in: p.in,
				required: p.required,
				description: p.description ?? '',
				schema: JSON.stringify(p.schema)
			})),
			body: op.requestBody ? refName(Object.values(op.requestBody.content)[0].schema) : null,
			responses: Object.entries(op.responses).map(([status, r]) => {
				const [type, media] = Object.entries(r.content ?? {})[0] ?? [null, null];
				return {
					status,
					description: r.description,
					type,
					schema: media ? refName(media.schema) : null
				};
			})
		}))
	);
	const schemas = Object.entries(doc.components.schemas).map(([name, s]) => ({
		name,
		json: JSON.stringify(s, null, 2)
	}));
	return { info: doc.info, operations, schemas };
};
