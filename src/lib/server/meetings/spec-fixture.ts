// A tavolo on a temporary SQLite file for the specs beside the meeting rules: import this before
// anything that opens the database, then build the people and meetings each spec needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionUser } from '../auth/session';

const dir = mkdtempSync(join(tmpdir(), 'raccordo-meetings-spec-'));
process.env.DATABASE_PATH = join(dir, 'spec.sqlite');

export async function fixture(quorumRule = 'maggioranza') {
	const dbm = await import('../db/index');
	const d = dbm.db();
	const tavoloId = Number(
		d
			.prepare(`INSERT INTO tavoli (slug, name, quorum_rule) VALUES (?, 'Tavolo', ?)`)
			.run(`t-${Math.random().toString(36).slice(2)}`, quorumRule).lastInsertRowid
	);
	const enti = new Map<string, number>();
	const ente = (name: string) => {
		if (!enti.has(name))
			enti.set(
				name,
				Number(
					d.prepare(`INSERT INTO enti (name, kind) VALUES (?, 'altro')`).run(`${name} ${tavoloId}`)
						.lastInsertRowid
				)
			);
		return enti.get(name)!;
	};
	let n = 0;
	const person = (
		enteName: string,
		role: 'segreteria' | 'componente' | 'osservatore',
		representation: 'titolare' | 'supplente' | null = role === 'componente' ? 'titolare' : null
	): SessionUser => {
		const email = `p${++n}-${tavoloId}@spec.it`;
		const id = Number(
			d.prepare('INSERT INTO users (email, name) VALUES (?, ?)').run(email, email).lastInsertRowid
		);
		d.prepare(
			'INSERT INTO memberships (tavolo_id, user_id, ente_id, role, representation) VALUES (?, ?, ?, ?, ?)'
		).run(tavoloId, id, ente(enteName), role, representation);
		return { id, email, name: email, isAdmin: false, locale: 'it' };
	};
	/** A meeting in `status`, starting `inMinutes` from now, with one agenda point. */
	const meeting = (by: SessionUser, status: string, inMinutes: number): number => {
		const start = new Date(Date.now() + inMinutes * 60000).toISOString();
		const end = new Date(Date.now() + (inMinutes + 60) * 60000).toISOString();
		const id = Number(
			d
				.prepare(
					`INSERT INTO meetings (tavolo_id, uid, title, starts_at, ends_at, modality, place, status, created_by)
					 VALUES (?, ?, 'Riunione', ?, ?, 'presenza', 'Sala', ?, ?)`
				)
				.run(tavoloId, `${Math.random()}@spec`, start, end, status, by.id).lastInsertRowid
		);
		d.prepare(
			`INSERT INTO agenda_items (meeting_id, position, title, description, document_ids) VALUES (?, 1, 'Punto', '', '[]')`
		).run(id);
		return id;
	};
	return { tavoloId, ente, person, meeting };
}

export async function cleanup() {
	(await import('../db/index')).closeDb();
	rmSync(dir, { recursive: true, force: true });
}
