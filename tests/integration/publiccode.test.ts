// publiccode.yml (Developers Italia's catalogue) validated against the vendored JSON Schema of the
// standard, and an invalid copy proven to be caught, with no network.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const schema = JSON.parse(
	readFileSync('tests/fixtures/publiccode/publiccode-0.4.schema.json', 'utf8')
);
const ajv = new Ajv({ allErrors: true, strict: false });
// The formats the schema uses, checked without a plugin.
ajv.addFormat('uri', /^https?:\/\/[^\s/$.?#].[^\s]*$/);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
const validate = ajv.compile(schema);
const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

const load = () => parse(readFileSync('publiccode.yml', 'utf8'));

describe('publiccode.yml', () => {
	it('validates against the publiccode.yml 0.4 schema', () => {
		const doc = load();
		expect(validate(doc), errors().join('\n')).toBe(true);
		expect(doc.legal.license).toBe(JSON.parse(readFileSync('package.json', 'utf8')).license);
		expect(doc.description.it.features.length).toBeGreaterThan(3);
		expect(doc.description.en.longDescription.length).toBeGreaterThanOrEqual(150);
	});

	it('catches a missing required field, a bad enumeration and a too-long short description', () => {
		const { legal: _legal, ...noLicence } = load();
		expect(validate(noLicence)).toBe(false);
		expect(errors()).toContain(" must have required property 'legal'");

		const badStatus = { ...load(), developmentStatus: 'finished' };
		expect(validate(badStatus)).toBe(false);
		expect(errors().some((e) => e.startsWith('/developmentStatus'))).toBe(true);

		const doc = load();
		doc.description.it.shortDescription = 'x'.repeat(151);
		expect(validate(doc)).toBe(false);
		expect(errors()).toContain(
			'/description/it/shortDescription must NOT have more than 150 characters'
		);

		const noFeatures = load();
		delete noFeatures.description.it.features;
		delete noFeatures.description.en.features;
		expect(validate(noFeatures)).toBe(false);

		const noContacts = load();
		delete noContacts.maintenance.contacts;
		expect(validate(noContacts)).toBe(false);
	});
});
