import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/api/openapi';

let cached: ReturnType<typeof openApiDocument> | undefined;

/** The OpenAPI 3.1 description, generated once per process from the zod schemas (ADR 017). */
export function GET() {
	cached ??= openApiDocument();
	return json(cached, {
		headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' }
	});
}
