import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	contentHash,
	docJson,
	plainText,
	replaceRichText,
	restoreState,
	stateFromJson,
	template
} from './content';
import { addAction, addIndicator, getAction, removeAction, setField } from '../../plans/model';

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

	it("restores a version whole: the rich text and a plan's actions, leaving untouched ones alone", () => {
		const live = new Y.Doc();
		Y.applyUpdate(live, stateFromJson(template('piano', 'Piano integrato')));
		const kept = addAction(live, { titolo: 'Sportello nei CPI', budget: 25000 });
		const changed = addAction(live, { titolo: 'Corsi di lingua', budget: 10000 });
		const removed = addAction(live, { titolo: 'Mediazione culturale' });
		const version = Y.encodeStateAsUpdate(live);
		const versionHash = contentHash(live);
		const keptMap = getAction(live, kept);

		replaceRichText(live, template('nota', 'Testo riscritto'));
		setField(live, changed, 'budget', 99999);
		addIndicator(live, changed, { nome: 'Persone formate', target: 100 });
		removeAction(live, removed);
		const added = addAction(live, { titolo: 'Azione aggiunta dopo' });
		expect(contentHash(live)).not.toBe(versionHash);

		restoreState(live, version);
		expect(contentHash(live)).toBe(versionHash);
		expect(getAction(live, changed)?.get('budget')).toBe(10000);
		expect(getAction(live, removed)?.get('titolo')).toBe('Mediazione culturale');
		expect(getAction(live, added)).toBeUndefined();
		// The same Y.Map: a colleague editing this action at that moment keeps their edit.
		expect(getAction(live, kept)).toBe(keptMap);
		expect(plainText(docJson(live)).split('\n')[0]).toBe('Piano integrato');
	});
});
