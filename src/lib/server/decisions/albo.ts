/** The albo pretorio reference and the followers of a tavolo's decisions. */
import { db } from '../db/index.js';
import { audited } from '../audit/index.js';
import { refOf } from '../../decisions/model.js';
import type { SessionUser } from '../auth/session.js';
import { assertCan } from '../policy/index.js';
import { ConflictError, fromZod } from '../errors.js';
import { byId as tavoloById } from '../tavoli/index.js';
import { alboSchema } from './input.js';
import { forRecorder, type OpenDecision } from './open.js';

/** Links the legal publication on an ente's albo pretorio (once; not part of the hashed record). */
export function setAlbo(
	user: SessionUser,
	ref: number | OpenDecision,
	input: Record<string, unknown>
): void {
	const { row } = forRecorder(user, ref);
	if (row.status !== 'pubblicata')
		throw new ConflictError(
			'Il riferimento all’albo si aggiunge dopo la pubblicazione nel registro'
		);
	const p = alboSchema.safeParse(input);
	if (!p.success) throw fromZod(p.error);
	if (db().prepare('SELECT 1 FROM decision_albo WHERE decision_id = ?').get(row.id))
		throw new ConflictError('Il riferimento all’albo pretorio è già registrato');
	audited(
		{
			actor: user,
			tavoloId: row.tavoloId,
			action: 'decision.albo',
			target: ['decision', row.id, refOf(row) ?? ''],
			detail: { ente: p.data.alboEnte, number: p.data.alboNumber, url: p.data.alboUrl }
		},
		() =>
			db()
				.prepare(
					'INSERT INTO decision_albo (decision_id, ente_name, number, published_on, url, recorded_by) VALUES (?, ?, ?, ?, ?, ?)'
				)
				.run(row.id, p.data.alboEnte, p.data.alboNumber, p.data.alboDate, p.data.alboUrl, user.id)
	);
}

export function follow(user: SessionUser, tavoloId: number): void {
	const tavolo = tavoloById(tavoloId);
	assertCan(user, 'decision.follow', { tavoloId, isPublic: tavolo.isPublic });
	db()
		.prepare('INSERT OR IGNORE INTO decision_follows (user_id, tavolo_id) VALUES (?, ?)')
		.run(user.id, tavoloId);
}

export function unfollow(user: SessionUser, tavoloId: number): void {
	db()
		.prepare('DELETE FROM decision_follows WHERE user_id = ? AND tavolo_id = ?')
		.run(user.id, tavoloId);
}

export function isFollowing(user: SessionUser | null, tavoloId: number): boolean {
	return (
		!!user &&
		!!db()
			.prepare('SELECT 1 FROM decision_follows WHERE user_id = ? AND tavolo_id = ?')
			.get(user.id, tavoloId)
	);
}
