/**
 * The life of a riunione: bozza → convocata → svolta → verbale_approvato; convocata/rinviata →
 * rinviata (new date, with a reason) or annullata (with a reason). Every change after convocation
 * bumps the iCalendar SEQUENCE and tells the invited people what changed.
 */
import { randomUUID } from 'node:crypto';
import { db, now } from '../db/index.js';
import { audited } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertCan } from '../policy/index.js';
import { ConflictError, ValidationError } from '../errors.js';
import { byId as tavoloById } from '../tavoli/index.js';
import { formatRange } from '../../rome.js';
import { isEditable, isLive } from '../../meetings/model.js';
import { agendaCount, agendaRows, meetingRow, type Meeting } from './rows.js';
import { checkVersion, formValues, parseMeetingInput, type MeetingInput } from './input.js';
import { resolveManaged, type MeetingRef } from './access.js';
import { announce, describe, statusLabel, tell } from './notify.js';

/** When and where, in the order the SQL below lists starts_at … video_url. */
const when = (v: MeetingInput) => [v.startsAt, v.endsAt, v.modality, v.place, v.videoUrl] as const;

/** Creates a meeting in bozza. */
export function schedule(
	user: SessionUser,
	tavoloId: number,
	input: Record<string, unknown>
): Meeting {
	assertCan(user, 'meeting.manage', { tavoloId });
	const v = parseMeetingInput(input);
	const id = Number(
		audited(
			(r) => ({
				actor: user,
				tavoloId,
				action: 'meeting.scheduled',
				target: ['meeting', r, v.title]
			}),
			() =>
				db()
					.prepare(
						`INSERT INTO meetings (tavolo_id, uid, title, starts_at, ends_at, modality, place, video_url, created_by)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
					)
					.run(tavoloId, `${randomUUID()}@raccordo`, v.title, ...when(v), user.id).lastInsertRowid
		)
	);
	return meetingRow(id);
}

/** bozza → convocata: the convocation goes out (notification, e-mail with the .ics, live event). */
export async function convene(
	user: SessionUser,
	ref: MeetingRef,
	version?: unknown
): Promise<Meeting> {
	const { meeting: m } = resolveManaged(user, ref);
	checkVersion(m, version);
	if (m.status !== 'bozza')
		throw new ConflictError(
			`La riunione è già ${statusLabel(m.status)}: non si può convocare di nuovo`
		);
	if (agendaCount(m.id) === 0)
		throw new ValidationError({
			_: 'Aggiungi almeno un punto all’ordine del giorno prima di convocare'
		});
	if (new Date(m.startsAt).getTime() < Date.now())
		throw new ValidationError({
			_: 'La data della riunione è già passata: correggila prima di convocare'
		});
	audited(
		{
			actor: user,
			tavoloId: m.tavoloId,
			action: 'meeting.convened',
			target: ['meeting', m.id, m.title]
		},
		() =>
			db()
				.prepare(
					`UPDATE meetings SET status = 'convocata', convened_at = ?, version = version + 1, updated_at = ? WHERE id = ?`
				)
				.run(now(), now(), m.id)
	);
	const fresh = meetingRow(m.id);
	const tavolo = tavoloById(m.tavoloId);
	const agenda = agendaRows(m.id)
		.map((a) => `${a.position}. ${a.title}`)
		.join('\n');
	await tell(fresh, {
		kind: 'riunione.convocata',
		title: (t) => t('meeting.notify.convened', { title: fresh.title }),
		body: (t) =>
			`${tavolo.name}\n${describe(fresh, t)}\n\n${t('meeting.notify.agenda')}:\n${agenda}`,
		email: 'ics'
	});
	announce(fresh, 'convocata');
	return fresh;
}

const FIELDS: (keyof MeetingInput)[] = [
	'title',
	'startsAt',
	'endsAt',
	'modality',
	'place',
	'videoUrl'
];

/** Edits title, time, modality, place. After convocation the invited people are told what changed. */
export async function update(
	user: SessionUser,
	ref: MeetingRef,
	input: Record<string, unknown>
): Promise<Meeting> {
	const { meeting: m } = resolveManaged(user, ref);
	const v = parseMeetingInput(input);
	checkVersion(m, input.version);
	if (!isEditable(m.status))
		throw new ConflictError(`Una riunione ${statusLabel(m.status)} non si modifica più`);
	const changed = FIELDS.filter((k) => m[k] !== v[k]);
	if (changed.length === 0) return m;
	const after = m.status !== 'bozza';
	// The version check throws inside the transaction, so a lost race leaves no audit row.
	audited(
		{
			actor: user,
			tavoloId: m.tavoloId,
			action: 'meeting.updated',
			target: ['meeting', m.id, v.title],
			detail: { changed }
		},
		() => {
			const res = db()
				.prepare(
					`UPDATE meetings SET title = ?, starts_at = ?, ends_at = ?, modality = ?, place = ?, video_url = ?,
			 sequence = sequence + ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`
				)
				.run(v.title, ...when(v), after ? 1 : 0, now(), m.id, m.version);
			if (res.changes === 0) checkVersion(meetingRow(m.id), m.version);
		}
	);
	const fresh = meetingRow(m.id);
	if (after)
		await tell(fresh, {
			kind: 'riunione.modificata',
			title: (t) => t('meeting.notify.updated', { title: fresh.title }),
			body: (t) =>
				`${t('meeting.notify.changedFields', {
					fields: changed.map((k) => t(`meeting.field.${k}`)).join(', ')
				})}\n${describe(fresh, t)}`,
			email: 'ics'
		});
	announce(fresh, 'modificata');
	return fresh;
}

/** convocata/rinviata → rinviata, with the new date and a reason. */
export async function reschedule(
	user: SessionUser,
	ref: MeetingRef,
	input: Record<string, unknown>
): Promise<Meeting> {
	const { meeting: m } = resolveManaged(user, ref);
	if (!isLive(m.status))
		throw new ConflictError(
			m.status === 'bozza'
				? 'Una bozza non si rinvia: modificane la data'
				: `Una riunione ${statusLabel(m.status)} non si può rinviare`
		);
	const reason = String(input.reason ?? '').trim();
	const v = parseMeetingInput({ ...formValues(m), ...input });
	const errors: Record<string, string> = {};
	if (!reason) errors.reason = 'Indica il motivo del rinvio';
	if (new Date(v.startsAt).getTime() < Date.now()) errors.date = 'La nuova data è già passata';
	if (v.startsAt === m.startsAt && v.endsAt === m.endsAt)
		errors.date = 'Indica una data o un orario diversi da quelli attuali';
	if (Object.keys(errors).length) throw new ValidationError(errors);
	checkVersion(m, input.version);
	audited(
		{
			actor: user,
			tavoloId: m.tavoloId,
			action: 'meeting.rescheduled',
			target: ['meeting', m.id, m.title],
			detail: { reason, from: m.startsAt, to: v.startsAt }
		},
		() => {
			db()
				.prepare(
					`UPDATE meetings SET status = 'rinviata', status_reason = ?, starts_at = ?, ends_at = ?, modality = ?, place = ?, video_url = ?,
			 sequence = sequence + 1, version = version + 1, updated_at = ? WHERE id = ?`
				)
				.run(reason, ...when(v), now(), m.id);
			// Answers given for the old date no longer hold.
			db().prepare('DELETE FROM meeting_rsvps WHERE meeting_id = ?').run(m.id);
		}
	);
	const fresh = meetingRow(m.id);
	await tell(fresh, {
		kind: 'riunione.rinviata',
		title: (t) => t('meeting.notify.rescheduled', { title: fresh.title }),
		body: (t) =>
			t('meeting.notify.rescheduledBody', {
				when: describe(fresh, t),
				before: formatRange(m.startsAt, m.endsAt, t.locale),
				reason
			}),
		email: 'ics'
	});
	announce(fresh, 'rinviata');
	return fresh;
}

/** bozza/convocata/rinviata → annullata, with a reason. */
export async function cancel(
	user: SessionUser,
	ref: MeetingRef,
	input: { reason?: unknown; version?: unknown }
): Promise<Meeting> {
	const { meeting: m } = resolveManaged(user, ref);
	if (!isEditable(m.status))
		throw new ConflictError(`Una riunione ${statusLabel(m.status)} non si può annullare`);
	const reason = String(input.reason ?? '').trim();
	if (!reason) throw new ValidationError({ reason: 'Indica il motivo dell’annullamento' });
	checkVersion(m, input.version);
	const after = m.status !== 'bozza';
	audited(
		{
			actor: user,
			tavoloId: m.tavoloId,
			action: 'meeting.cancelled',
			target: ['meeting', m.id, m.title],
			detail: { reason }
		},
		() =>
			db()
				.prepare(
					`UPDATE meetings SET status = 'annullata', status_reason = ?, sequence = sequence + ?, version = version + 1, updated_at = ? WHERE id = ?`
				)
				.run(reason, after ? 1 : 0, now(), m.id)
	);
	const fresh = meetingRow(m.id);
	if (after)
		await tell(fresh, {
			kind: 'riunione.annullata',
			title: (t) => t('meeting.notify.cancelled', { title: fresh.title }),
			body: (t) =>
				`${formatRange(m.startsAt, m.endsAt, t.locale)}\n${t('meeting.notify.reason', { reason })}`,
			email: 'ics'
		});
	announce(fresh, 'annullata');
	return fresh;
}

/** convocata/rinviata → svolta, once it has started. */
export function markHeld(user: SessionUser, ref: MeetingRef, version?: unknown): Meeting {
	const { meeting: m } = resolveManaged(user, ref);
	checkVersion(m, version);
	if (!isLive(m.status))
		throw new ConflictError(
			m.status === 'bozza'
				? 'La riunione non è stata convocata'
				: `La riunione è ${statusLabel(m.status)}: non può passare a svolta`
		);
	if (new Date(m.startsAt).getTime() > Date.now() + 15 * 60000)
		throw new ValidationError({
			_: 'La riunione non è ancora iniziata: potrai segnarla come svolta dall’ora di inizio'
		});
	audited(
		{
			actor: user,
			tavoloId: m.tavoloId,
			action: 'meeting.held',
			target: ['meeting', m.id, m.title]
		},
		() =>
			db()
				.prepare(
					`UPDATE meetings SET status = 'svolta', version = version + 1, updated_at = ? WHERE id = ?`
				)
				.run(now(), m.id)
	);
	const fresh = meetingRow(m.id);
	announce(fresh, 'svolta');
	return fresh;
}

/** The minutes pipeline closes the lifecycle when the verbale is approved (it checked access). */
export function setMinutesApprovedUnchecked(meetingId: number): void {
	db()
		.prepare(
			`UPDATE meetings SET status = 'verbale_approvato', version = version + 1, updated_at = ? WHERE id = ? AND status = 'svolta'`
		)
		.run(now(), meetingId);
}
