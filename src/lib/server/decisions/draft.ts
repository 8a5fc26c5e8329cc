/**
 * Drafts of the segreteria: record (at a meeting or by written procedure), edit, votes, delete,
 * and the rettifica of a published decision (a new draft linked to it). A published decision is
 * never edited: the database refuses it too (migration 005).
 */
import { db } from '../db/index.js';
import { audited, record } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertCan } from '../policy/index.js';
import { ConflictError } from '../errors.js';
import { byId as tavoloById } from '../tavoli/index.js';
import { refOf } from '../../decisions/model.js';
import { attachmentsOf, writeChildren } from './rows.js';
import { checkMeeting, resolvePicks, validate, type DraftInput } from './input.js';
import { forRecorder, open, type OpenDecision } from './open.js';

/** What the form sets, in the order both the INSERT and the UPDATE list title … rettifica_of. */
const content = (v: ReturnType<typeof validate>) =>
	[v.title, v.body, v.type, v.outcome, v.voting, v.visibility, v.decidedOn, v.rettificaOf] as const;

/** Records a draft decision (written procedure when no meeting is given). Returns its id. */
export function recordDraft(
	user: SessionUser,
	tavoloId: number,
	input: DraftInput,
	at: { meetingId?: number | null; agendaItemId?: number | null } = {}
): number {
	const tavolo = tavoloById(tavoloId);
	assertCan(user, 'decision.record', { tavoloId, isPublic: tavolo.isPublic });
	checkMeeting(user, tavoloId, at.meetingId ?? null, at.agendaItemId ?? null);
	const v = validate(tavoloId, resolvePicks(user, tavoloId, input), at.meetingId ?? null);
	const d = db();
	return d.transaction(() => {
		const id = Number(
			d
				.prepare(
					`INSERT INTO decisions (tavolo_id, meeting_id, agenda_item_id, title, body, type, outcome, voting, visibility, decided_on, rettifica_of, created_by)
					 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(tavoloId, at.meetingId ?? null, at.agendaItemId ?? null, ...content(v), user.id)
				.lastInsertRowid
		);
		writeChildren(d, id, v);
		record(d, {
			actor: user,
			tavoloId,
			action: v.rettificaOf ? 'decision.rettifica' : 'decision.drafted',
			target: ['decision', id],
			detail: { rettificaOf: v.rettificaOf, visibility: v.visibility }
		});
		return id;
	})();
}

/** A draft for the segreteria; 409 when it is already published. */
export function draftFor(user: SessionUser, ref: number | OpenDecision): OpenDecision {
	const o = forRecorder(user, ref);
	if (o.row.status === 'pubblicata')
		throw new ConflictError(
			`La decisione ${refOf(o.row)} è già pubblicata e non si può modificare: per correggerla registra una rettifica`
		);
	return o;
}

export function editDraft(user: SessionUser, ref: number | OpenDecision, input: DraftInput): void {
	const { row } = draftFor(user, ref);
	const v = validate(row.tavoloId, resolvePicks(user, row.tavoloId, input), row.meetingId);
	const d = db();
	d.transaction(() => {
		d.prepare(
			`UPDATE decisions SET title = ?, body = ?, type = ?, outcome = ?, voting = ?, visibility = ?, decided_on = ?, rettifica_of = ?,
			 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ? AND status = 'bozza'`
		).run(...content(v), row.id);
		writeChildren(d, row.id, v);
		record(d, {
			actor: user,
			tavoloId: row.tavoloId,
			action: 'decision.edited',
			target: ['decision', row.id]
		});
	})();
}

/** Replaces the votes of a draft (enteId → vote); only enti present may vote. */
export function setVotes(
	user: SessionUser,
	ref: number | OpenDecision,
	votes: Record<string, unknown>
): void {
	const o = draftFor(user, ref);
	const { row } = o;
	editDraft(user, o, {
		title: row.title,
		body: row.body,
		type: row.type,
		outcome: row.outcome,
		voting: 'voti',
		visibility: row.visibility,
		decidedOn: row.decidedOn,
		rettificaOf: row.rettificaOfId,
		attachments: attachmentsOf(row.id),
		votes
	});
}

export function deleteDraft(user: SessionUser, ref: number | OpenDecision): void {
	const { row } = draftFor(user, ref);
	audited(
		{
			actor: user,
			tavoloId: row.tavoloId,
			action: 'decision.deleted',
			target: ['decision', row.id]
		},
		() => db().prepare("DELETE FROM decisions WHERE id = ? AND status = 'bozza'").run(row.id)
	);
}

/** Starts the rettifica of a published decision: a new draft linked to it. */
export function rettifica(
	user: SessionUser,
	ref: number | OpenDecision,
	input: DraftInput
): number {
	const { row } = typeof ref === 'number' ? open(user, ref) : ref;
	return recordDraft(user, row.tavoloId, { ...input, rettificaOf: row.id });
}
