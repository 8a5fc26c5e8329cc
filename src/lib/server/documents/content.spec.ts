import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	contentHash,
	docJson,
	plainText,
	replaceRichText,
	stateFromJson,
	template
} from './content';

describe('document content', () => {
	it('hashes the content, not the edit history', () => {
		const json = template('piano', 'Piano');
		const a = new Y.Doc();
		Y.applyUpdate(a, stateFromJson(json));
		const b = new Y.Doc();
		replaceRichText(b, { type: 'doc', content: [{ type: 'paragraph' }] });
		replaceRichText(b, json);
		expect(contentHash(a)).toBe(contentHash(b));
		expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
		replaceRichText(b, template('piano', 'Piano 2'));
		expect(contentHash(a)).not.toBe(contentHash(b));
	});

	it('gives plain text by blocks and the ProseMirror JSON back', () => {
		const d = new Y.Doc();
		Y.applyUpdate(d, stateFromJson(template('piano', 'Piano integrato')));
		const text = plainText(docJson(d));
		expect(text.split('\n')[0]).toBe('Piano integrato');
		expect(text).toContain('3. Azioni pilota');
	});

	it('refuses content the editor schema does not know', () => {
		expect(() => stateFromJson({ type: 'doc', content: [{ type: 'script' }] })).toThrow();
	});
});
