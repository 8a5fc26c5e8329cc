/** The JSON-LD catalogue's outer shape (its vocabulary is DCAT-AP_IT; the RDF test checks that). */
import { z } from 'zod';

export const CatalogJsonLd = z.object({
	'@context': z.record(z.string(), z.string()),
	'@graph': z.array(z.looseObject({ '@id': z.string().optional(), '@type': z.array(z.string()) }))
});

export const Health = z.object({ status: z.enum(['ok', 'unavailable']) });
