// The verb API other domains code against (meetings prefill verbali, plans subscribe to changes),
// exercised in-process on a temporary SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { SessionUser } from '../auth/session';

const dir = mkdtempSync(join(tmpdir(), 'raccordo-docs-spec-'));
process.env.DATABASE_PATH = join(dir, 'spec.sqlite');

let docs: typeof import('./index');
let closeDb: () => void;
let seg: SessionUser;
let obs: SessionUser;
let tavoloId: number;

beforeAll(async () => {
	const dbm = await import('../db/index');
	closeDb = dbm.closeDb;
	const d = dbm.db();
	tavoloId = Number(
		d.prepare(`INSERT INTO tavoli (slug, name) VALUES ('t', 'Tavolo')`).run().lastInsertRowid
	);
	const ente = Number(
		d.prepare(`INSERT INTO enti (name, kind) VALUES ('Ente', 'regione')`).run().lastInsertRowid
	);
	const user = (email: string, role: string): SessionUser => {
		const id = Number(
			d.prepare('INSERT INTO users (email, name) VALUES (?, ?)').run(email, email).lastInsertRowid
		);
		d.prepare(
			'INSERT INTO memberships (tavolo_id, user_id, ente_id, role) VALUES (?, ?, ?, ?)'
		).run(tavoloId, id, ente, role);
		return { id, email, name: email, isAdmin: false, locale: 'it' };
	};
	seg = user('seg@x.it', 'segreteria');
	obs = user('obs@x.it', 'osservatore');
	docs = await import('./index');
});
afterAll(() => {
	closeDb?.();
	rmSync(dir, { recursive: true, force: true });
});

describe('documents verb API', () => {
	it('creates a verbale prefilled with ProseMirror JSON and reads it back', () => {
		const content = {
			type: 'doc',
			content: [
				{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Verbale n. 3' }] },
				{ type: 'paragraph', content: [{ type: 'text', text: 'Presenti: Regione, Prefettura.' }] }
			]
		};
		const d = docs.create(seg, tavoloId, { kind: 'verbale', title: 'Verbale n. 3', content });
		expect(d.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(docs.contentText(d.id)).toBe('Verbale n. 3\nPresenti: Regione, Prefettura.');
		expect(docs.contentJson(d.id)).toEqual(content);
		expect(docs.get(seg, d.id)).toMatchObject({
			kind: 'verbale',
			canWrite: true,
			canManage: true,
			frozen: false
		});
		expect(docs.get(obs, d.id)).toMatchObject({ canWrite: false, canManage: false });
		expect(() => docs.create(obs, tavoloId, { kind: 'nota', title: 'x' })).toThrow();
		expect(() =>
			docs.create(seg, tavoloId, { kind: 'nota', title: 'x', content: { type: 'nope' } })
		).toThrow();
	});

	it('notifies change listeners after withDoc changes, and keeps other top-level types', async () => {
		const d = docs.create(seg, tavoloId, { kind: 'piano', title: 'Piano' });
		const seen: string[] = [];
		const off = docs.onDocumentChange((id, ydoc) => {
			if (id === d.id) seen.push(JSON.stringify(ydoc.getMap('azioni').toJSON()));
		});
		docs.withDoc(d.id, (ydoc) => ydoc.getMap('azioni').set('a1', 'Rete territoriale'));
		await new Promise((r) => setImmediate(r));
		off();
		expect(seen).toEqual(['{"a1":"Rete territoriale"}']);
		expect(docs.withDoc(d.id, (ydoc) => ydoc.getMap('azioni').get('a1'))).toBe('Rete territoriale');
	});

	it('saves, restores and freezes with a content hash', async () => {
		const d = docs.create(seg, tavoloId, { kind: 'nota', title: 'Nota' });
		const v = docs.saveVersion(seg, d.id, 'prima');
		docs.withDoc(d.id, (ydoc) => {
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText('aggiunta')]);
			ydoc.getXmlFragment('default').push([p]);
		});
		expect(docs.contentText(d.id)).toContain('aggiunta');
		expect(docs.listVersions(obs, d.id).map((x) => x.name)).toEqual(['prima']);
		expect(() => docs.restoreVersion(obs, d.id, v.versionId)).toThrow();
		const restored = docs.restoreVersion(seg, d.id, v.versionId);
		expect(restored.hash).toBe(v.hash);
		expect(docs.contentText(d.id)).not.toContain('aggiunta');
		const frozen = docs.freeze(seg, d.id);
		expect(frozen.hash).toBe(v.hash);
		expect(docs.currentHash(d.id)).toBe(frozen.hash);
		expect(docs.get(seg, d.id)).toMatchObject({
			frozen: true,
			canWrite: false,
			frozenHash: frozen.hash
		});
		expect(() => docs.rename(seg, d.id, 'Altro')).toThrow();
	});
});
