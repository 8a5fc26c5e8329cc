/**
 * Riunioni of a tavolo: convocation with an ordine del giorno, lifecycle, RSVP per ente,
 * attendance and quorum. Every verb takes the acting user first and checks the policy itself.
 *
 * Lifecycle: bozza → convocata → svolta → verbale_approvato; convocata/rinviata → rinviata (new
 * date) or annullata (with a reason). Every change after convocation bumps the iCalendar
 * SEQUENCE and notifies the invited people with what changed.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { db, now } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertCan, can, decide, membershipOf, readableTavoloIds } from '../policy/index.js';
import { ConflictError, fromZod, NotFoundError, ValidationError } from '../errors.js';
import { byId as tavoloById } from '../tavoli/index.js';
import { emitToTavolo } from '../realtime/index.js';
import { notify } from '../notifications/index.js';
import { formatRange, romeParts, romeToUtc } from '../../rome.js';
import { meetingIcs } from '../calendar/index.js';

export type MeetingStatus =
	'bozza' | 'convocata' | 'rinviata' | 'svolta' | 'annullata' | 'verbale_approvato';
export type Modality = 'presenza' | 'online' | 'mista';
export type RsvpAnswer = 'partecipo' | 'non_partecipo' | 'delego';
export type AttendanceStatus = 'presente' | 'assente' | 'remoto';

export interface Meeting {
	id: number;
	tavoloId: number;
	uid: string;
	title: string;
	startsAt: string;
	endsAt: string;
	modality: Modality;
	place: string;
	videoUrl: string;
	status: MeetingStatus;
	statusReason: string;
	sequence: number;
	version: number;
	convenedAt: string | null;
	updatedAt: string;
}

export interface AgendaItem {
	id: number;
	meetingId: number;
	position: number;
	title: string;
	description: string;
	proposingEnteId: number | null;
	proposingEnteName: string | null;
	durationMinutes: number | null;
	documentIds: string[];
	/** The linked workspace documents that still exist, with their titles. */
	documents: { id: string; title: string }[];
}

const COLUMNS = `m.id, m.tavolo_id AS tavoloId, m.uid, m.title, m.starts_at AS startsAt, m.ends_at AS endsAt,
	m.modality, m.place, m.video_url AS videoUrl, m.status, m.status_reason AS statusReason, m.sequence,
	m.version, m.convened_at AS convenedAt, m.updated_at AS updatedAt`;

const UPCOMING: MeetingStatus[] = ['convocata', 'rinviata'];
/** States in which invited people are expected to answer and can still be told of changes. */
const LIVE: MeetingStatus[] = ['convocata', 'rinviata'];

export const STATUS_LABEL: Record<MeetingStatus, string> = {
	bozza: 'bozza',
	convocata: 'convocata',
	rinviata: 'rinviata',
	svolta: 'svolta',
	annullata: 'annullata',
	verbale_approvato: 'verbale approvato'
};
export const MODALITY_LABEL: Record<Modality, string> = {
	presenza: 'in presenza',
	online: 'online',
	mista: 'mista (in presenza e online)'
};

function row(id: number): Meeting {
	const m = db().prepare(`SELECT ${COLUMNS} FROM meetings m WHERE m.id = ?`).get(id) as
		Meeting | undefined;
	if (!m) throw new NotFoundError('Riunione non trovata');
	return m;
}

/** Loads a meeting the user may read (404 for a tavolo they may not see, as for the tavolo). */
export function getMeeting(user: SessionUser | null, meetingId: number): Meeting {
	if (!Number.isInteger(meetingId) || meetingId <= 0)
		throw new NotFoundError('Riunione non trovata');
	const m = row(meetingId);
	assertCan(user, 'meeting.read', { tavoloId: m.tavoloId });
	// A bozza is the segreteria's work in progress: others do not learn it exists.
	if (m.status === 'bozza' && !can(user, 'meeting.manage', { tavoloId: m.tavoloId }))
		throw new NotFoundError('Riunione non trovata');
	return m;
}

function manageable(user: SessionUser, meetingId: number): Meeting {
	const m = getMeeting(user, meetingId);
	assertCan(user, 'meeting.manage', { tavoloId: m.tavoloId });
	return m;
}

export function listMeetings(user: SessionUser | null, tavoloId: number): Meeting[] {
	assertCan(user, 'meeting.read', { tavoloId });
	const rows = db()
		.prepare(`SELECT ${COLUMNS} FROM meetings m WHERE m.tavolo_id = ? ORDER BY m.starts_at DESC`)
		.all(tavoloId) as Meeting[];
	// Drafts are the segreteria's work in progress.
	return can(user, 'meeting.manage', { tavoloId })
		? rows
		: rows.filter((r) => r.status !== 'bozza');
}

/** Upcoming convened meetings of the tavoli the user reads (all of them when tavoloIds is omitted). */
export function upcoming(
	user: SessionUser,
	tavoloIds: number[] = readableTavoloIds(user),
	limit = 10
): (Meeting & { tavoloSlug: string; tavoloName: string })[] {
	const ids = tavoloIds.filter((id) => can(user, 'meeting.read', { tavoloId: id }));
	if (ids.length === 0) return [];
	return db()
		.prepare(
			`SELECT ${COLUMNS}, t.slug AS tavoloSlug, t.name AS tavoloName FROM meetings m JOIN tavoli t ON t.id = m.tavolo_id
			 WHERE m.tavolo_id IN (${ids.map(() => '?').join(',')}) AND m.status IN ('convocata','rinviata') AND m.ends_at >= ?
			 ORDER BY m.starts_at LIMIT ?`
		)
		.all(...ids, now(), limit) as (Meeting & { tavoloSlug: string; tavoloName: string })[];
}

// ---------------------------------------------------------------- input

const MODALITIES = ['presenza', 'online', 'mista'] as const;

const meetingInput = z.object({
	title: z
		.string({ message: 'Indica il titolo della riunione' })
		.trim()
		.min(1, 'Indica il titolo della riunione')
		.max(200, 'Il titolo è troppo lungo (massimo 200 caratteri)'),
	date: z.string({ message: 'Indica la data' }).trim().min(1, 'Indica la data'),
	startTime: z
		.string({ message: 'Indica l’ora di inizio' })
		.trim()
		.min(1, 'Indica l’ora di inizio'),
	endTime: z.string({ message: 'Indica l’ora di fine' }).trim().min(1, 'Indica l’ora di fine'),
	endDate: z.string().trim().optional(),
	modality: z.enum(MODALITIES, { message: 'Scegli la modalità: in presenza, online o mista' }),
	place: z.string().trim().max(300, 'Il luogo è troppo lungo').optional().default(''),
	videoUrl: z.string().trim().max(500, 'Il link è troppo lungo').optional().default('')
});

export interface MeetingInput {
	title: string;
	startsAt: string;
	endsAt: string;
	modality: Modality;
	place: string;
	videoUrl: string;
}

/** Validates a form (Rome local date + times) into UTC instants, with Italian field messages. */
export function parseMeetingInput(input: Record<string, unknown>): MeetingInput {
	const parsed = meetingInput.safeParse(input);
	const errors: Record<string, string> = parsed.success ? {} : fromZod(parsed.error).fields;
	if (!parsed.success) throw new ValidationError(errors);
	const v = parsed.data;
	const start = romeToUtc(v.date, v.startTime);
	const end = romeToUtc(v.endDate || v.date, v.endTime);
	if (!start)
		errors[romeToUtc(v.date, '00:00') ? 'startTime' : 'date'] =
			'Data o ora di inizio non valida (usa gg/mm/aaaa e hh:mm)';
	if (!end) errors.endTime = 'Ora di fine non valida (usa hh:mm)';
	if (start && end && end.getTime() <= start.getTime())
		errors.endTime = 'La fine deve essere dopo l’inizio';
	if ((v.modality === 'presenza' || v.modality === 'mista') && !v.place)
		errors.place = 'Indica il luogo della riunione';
	if ((v.modality === 'online' || v.modality === 'mista') && !v.videoUrl)
		errors.videoUrl = 'Indica il link della videoconferenza';
	if (v.videoUrl && !/^https:\/\/[^\s]+$/i.test(v.videoUrl))
		errors.videoUrl = 'Il link deve iniziare con https://';
	if (Object.keys(errors).length) throw new ValidationError(errors);
	return {
		title: v.title,
		startsAt: start!.toISOString(),
		endsAt: end!.toISOString(),
		modality: v.modality,
		place: v.modality === 'online' ? '' : v.place,
		videoUrl: v.modality === 'presenza' ? '' : v.videoUrl
	};
}

/** Form values (Rome local) of a meeting, to pre-fill the edit form. */
export function formValues(m: Meeting): Record<string, string> {
	const s = romeParts(new Date(m.startsAt));
	const e = romeParts(new Date(m.endsAt));
	return {
		title: m.title,
		date: s.date,
		startTime: s.time,
		endTime: e.time,
		endDate: e.date === s.date ? '' : e.date,
		modality: m.modality,
		place: m.place,
		videoUrl: m.videoUrl,
		version: String(m.version)
	};
}

function checkVersion(m: Meeting, version: unknown): void {
	const v = Number(version);
	if (version === undefined || version === null || version === '') return;
	if (!Number.isInteger(v) || v !== m.version)
		throw new ConflictError(
			'Un’altra persona della segreteria ha modificato questa riunione mentre la stavi modificando. ' +
				'I tuoi valori sono rimasti nel modulo: ricarica la pagina per vedere la versione attuale e riapplica le modifiche.'
		);
}

// ---------------------------------------------------------------- lifecycle

/** Creates a meeting in bozza. */
export function schedule(
	user: SessionUser,
	tavoloId: number,
	input: Record<string, unknown>
): Meeting {
	assertCan(user, 'meeting.manage', { tavoloId });
	const v = parseMeetingInput(input);
	const id = Number(
		db()
			.prepare(
				`INSERT INTO meetings (tavolo_id, uid, title, starts_at, ends_at, modality, place, video_url, created_by)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				tavoloId,
				`${randomUUID()}@raccordo`,
				v.title,
				v.startsAt,
				v.endsAt,
				v.modality,
				v.place,
				v.videoUrl,
				user.id
			).lastInsertRowid
	);
	return row(id);
}

/** The people a convocation goes to: every member of the tavolo. */
export function invitedUserIds(tavoloId: number): number[] {
	return (
		db().prepare('SELECT user_id FROM memberships WHERE tavolo_id = ?').all(tavoloId) as {
			user_id: number;
		}[]
	).map((r) => r.user_id);
}

function isInvited(userId: number, tavoloId: number): boolean {
	return !!membershipOf(userId, tavoloId);
}

const meetingUrl = (m: Meeting) => `/tavoli/${tavoloById(m.tavoloId).slug}/riunioni/${m.id}`;

function describe(m: Meeting): string {
	const where = [m.place, m.videoUrl].filter(Boolean).join(' · ');
	return `${formatRange(m.startsAt, m.endsAt)} (ora italiana), ${MODALITY_LABEL[m.modality]}${where ? `: ${where}` : ''}`;
}

function announce(m: Meeting, event: string): void {
	void emitToTavolo(
		m.tavoloId,
		'meeting:changed',
		{ meetingId: m.id, event, status: m.status },
		(u, ms) =>
			// A draft is the segreteria's until it is convened.
			m.status === 'bozza' ? decide(u, ms, 'meeting.manage', { tavoloId: m.tavoloId }) : true
	);
}

async function tellInvited(
	m: Meeting,
	kind: string,
	title: string,
	body: string,
	withIcs: boolean
): Promise<void> {
	const url = meetingUrl(m);
	const base = process.env.ORIGIN ?? '';
	const text = `${title}\n\n${body}\n\n${base}${url}`;
	await notify(invitedUserIds(m.tavoloId), {
		kind,
		tavoloId: m.tavoloId,
		title,
		body,
		url,
		email: {
			subject: `[Raccordo] ${title}`,
			text,
			attachments: withIcs
				? [
						{
							filename: 'riunione.ics',
							content: meetingIcs(m.id),
							contentType: 'text/calendar; charset=utf-8; method=REQUEST'
						}
					]
				: undefined
		}
	});
}

/** bozza → convocata: the convocation goes out (notification, e-mail with the .ics, live event). */
export async function convene(
	user: SessionUser,
	meetingId: number,
	version?: unknown
): Promise<Meeting> {
	const m = manageable(user, meetingId);
	checkVersion(m, version);
	if (m.status !== 'bozza')
		throw new ConflictError(
			`La riunione è già ${STATUS_LABEL[m.status]}: non si può convocare di nuovo`
		);
	if (agendaCount(m.id) === 0)
		throw new ValidationError({
			_: 'Aggiungi almeno un punto all’ordine del giorno prima di convocare'
		});
	if (new Date(m.startsAt).getTime() < Date.now())
		throw new ValidationError({
			_: 'La data della riunione è già passata: correggila prima di convocare'
		});
	db()
		.prepare(
			`UPDATE meetings SET status = 'convocata', convened_at = ?, version = version + 1, updated_at = ? WHERE id = ?`
		)
		.run(now(), now(), m.id);
	const fresh = row(m.id);
	const tavolo = tavoloById(m.tavoloId);
	const agenda = listAgendaRows(m.id)
		.map((a) => `${a.position}. ${a.title}`)
		.join('\n');
	await tellInvited(
		fresh,
		'riunione.convocata',
		`Convocazione: ${fresh.title}`,
		`${tavolo.name}\n${describe(fresh)}\n\nOrdine del giorno:\n${agenda}`,
		true
	);
	announce(fresh, 'convocata');
	return fresh;
}

const FIELD_LABEL: Record<keyof MeetingInput, string> = {
	title: 'titolo',
	startsAt: 'inizio',
	endsAt: 'fine',
	modality: 'modalità',
	place: 'luogo',
	videoUrl: 'link della videoconferenza'
};

/** Edits title, time, modality, place. After convocation the invited people are told what changed. */
export async function update(
	user: SessionUser,
	meetingId: number,
	input: Record<string, unknown>
): Promise<Meeting> {
	const m = manageable(user, meetingId);
	const v = parseMeetingInput(input);
	checkVersion(m, input.version);
	if (!['bozza', 'convocata', 'rinviata'].includes(m.status))
		throw new ConflictError(`Una riunione ${STATUS_LABEL[m.status]} non si modifica più`);
	const changed = (Object.keys(FIELD_LABEL) as (keyof MeetingInput)[]).filter(
		(k) => (m as unknown as MeetingInput)[k] !== v[k]
	);
	if (changed.length === 0) return m;
	const after = m.status !== 'bozza';
	const res = db()
		.prepare(
			`UPDATE meetings SET title = ?, starts_at = ?, ends_at = ?, modality = ?, place = ?, video_url = ?,
			 sequence = sequence + ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`
		)
		.run(
			v.title,
			v.startsAt,
			v.endsAt,
			v.modality,
			v.place,
			v.videoUrl,
			after ? 1 : 0,
			now(),
			m.id,
			m.version
		);
	if (res.changes === 0) checkVersion(row(m.id), m.version);
	const fresh = row(m.id);
	if (after) {
		const what = changed.map((k) => FIELD_LABEL[k]).join(', ');
		await tellInvited(
			fresh,
			'riunione.modificata',
			`Riunione modificata: ${fresh.title}`,
			`Cambiati: ${what}.\n${describe(fresh)}`,
			true
		);
	}
	announce(fresh, 'modificata');
	return fresh;
}

/** convocata/rinviata → rinviata, with the new date and a reason. */
export async function reschedule(
	user: SessionUser,
	meetingId: number,
	input: Record<string, unknown>
): Promise<Meeting> {
	const m = manageable(user, meetingId);
	if (!LIVE.includes(m.status))
		throw new ConflictError(
			m.status === 'bozza'
				? 'Una bozza non si rinvia: modificane la data'
				: `Una riunione ${STATUS_LABEL[m.status]} non si può rinviare`
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
	db()
		.prepare(
			`UPDATE meetings SET status = 'rinviata', status_reason = ?, starts_at = ?, ends_at = ?, modality = ?, place = ?, video_url = ?,
			 sequence = sequence + 1, version = version + 1, updated_at = ? WHERE id = ?`
		)
		.run(reason, v.startsAt, v.endsAt, v.modality, v.place, v.videoUrl, now(), m.id);
	// Answers given for the old date no longer hold.
	db().prepare('DELETE FROM meeting_rsvps WHERE meeting_id = ?').run(m.id);
	const fresh = row(m.id);
	await tellInvited(
		fresh,
		'riunione.rinviata',
		`Riunione rinviata: ${fresh.title}`,
		`Nuova data: ${describe(fresh)}\nPrima: ${formatRange(m.startsAt, m.endsAt)}\nMotivo: ${reason}\nConferma di nuovo la tua partecipazione.`,
		true
	);
	announce(fresh, 'rinviata');
	return fresh;
}

/** bozza/convocata/rinviata → annullata, with a reason. */
export async function cancel(
	user: SessionUser,
	meetingId: number,
	input: { reason?: unknown; version?: unknown }
): Promise<Meeting> {
	const m = manageable(user, meetingId);
	if (!['bozza', 'convocata', 'rinviata'].includes(m.status))
		throw new ConflictError(`Una riunione ${STATUS_LABEL[m.status]} non si può annullare`);
	const reason = String(input.reason ?? '').trim();
	if (!reason) throw new ValidationError({ reason: 'Indica il motivo dell’annullamento' });
	checkVersion(m, input.version);
	const after = m.status !== 'bozza';
	db()
		.prepare(
			`UPDATE meetings SET status = 'annullata', status_reason = ?, sequence = sequence + ?, version = version + 1, updated_at = ? WHERE id = ?`
		)
		.run(reason, after ? 1 : 0, now(), m.id);
	const fresh = row(m.id);
	if (after)
		await tellInvited(
			fresh,
			'riunione.annullata',
			`Riunione annullata: ${fresh.title}`,
			`${formatRange(m.startsAt, m.endsAt)}\nMotivo: ${reason}`,
			true
		);
	announce(fresh, 'annullata');
	return fresh;
}

/** convocata/rinviata → svolta, once it has started. */
export function markHeld(user: SessionUser, meetingId: number, version?: unknown): Meeting {
	const m = manageable(user, meetingId);
	checkVersion(m, version);
	if (!LIVE.includes(m.status))
		throw new ConflictError(
			m.status === 'bozza'
				? 'La riunione non è stata convocata'
				: `La riunione è ${STATUS_LABEL[m.status]}: non può passare a svolta`
		);
	if (new Date(m.startsAt).getTime() > Date.now() + 15 * 60000)
		throw new ValidationError({
			_: 'La riunione non è ancora iniziata: potrai segnarla come svolta dall’ora di inizio'
		});
	db()
		.prepare(
			`UPDATE meetings SET status = 'svolta', version = version + 1, updated_at = ? WHERE id = ?`
		)
		.run(now(), m.id);
	const fresh = row(m.id);
	announce(fresh, 'svolta');
	return fresh;
}

/** Internal: the minutes pipeline closes the lifecycle when the verbale is approved. */
export function setMinutesApproved(meetingId: number): void {
	db()
		.prepare(
			`UPDATE meetings SET status = 'verbale_approvato', version = version + 1, updated_at = ? WHERE id = ? AND status = 'svolta'`
		)
		.run(now(), meetingId);
}

// ---------------------------------------------------------------- agenda

function agendaCount(meetingId: number): number {
	return (
		db().prepare('SELECT COUNT(*) AS n FROM agenda_items WHERE meeting_id = ?').get(meetingId) as {
			n: number;
		}
	).n;
}

function listAgendaRows(meetingId: number): AgendaItem[] {
	const rows = db()
		.prepare(
			`SELECT a.id, a.meeting_id AS meetingId, a.position, a.title, a.description, a.proposing_ente_id AS proposingEnteId,
			        e.name AS proposingEnteName, a.duration_minutes AS durationMinutes, a.document_ids AS documentIds
			 FROM agenda_items a LEFT JOIN enti e ON e.id = a.proposing_ente_id WHERE a.meeting_id = ? ORDER BY a.position`
		)
		.all(meetingId) as (Omit<AgendaItem, 'documentIds'> & { documentIds: string })[];
	const titleOf = db().prepare('SELECT id, title FROM documents WHERE id = ?');
	return rows.map((r) => {
		const documentIds = JSON.parse(r.documentIds) as string[];
		const documents = documentIds
			.map((id) => titleOf.get(id) as { id: string; title: string } | undefined)
			.filter((d) => !!d);
		return { ...r, documentIds, documents };
	});
}

/** The ordine del giorno, in order. */
export function listAgendaItems(user: SessionUser | null, meetingId: number): AgendaItem[] {
	getMeeting(user, meetingId);
	return listAgendaRows(meetingId);
}

const agendaInput = z.object({
	title: z
		.string({ message: 'Ogni punto all’ordine del giorno ha un titolo' })
		.trim()
		.min(1, 'Ogni punto all’ordine del giorno ha un titolo')
		.max(300, 'Il titolo è troppo lungo (massimo 300 caratteri)'),
	description: z.string().trim().max(5000, 'La descrizione è troppo lunga').optional().default(''),
	proposingEnteId: z
		.union([z.literal(''), z.coerce.number().int().positive()], {
			message: 'Ente proponente non valido'
		})
		.optional()
		.transform((v) => (v ? Number(v) : null)),
	durationMinutes: z
		.union([
			z.literal(''),
			z.coerce
				.number({ message: 'Durata in minuti (un numero)' })
				.int('Durata in minuti interi')
				.min(1, 'Durata di almeno 1 minuto')
				.max(600, 'Durata massima 600 minuti')
		])
		.optional()
		.transform((v) => (v ? Number(v) : null)),
	documentIds: z.string().optional().default('')
});

function parseAgenda(tavoloId: number, input: Record<string, unknown>) {
	const parsed = agendaInput.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error);
	const v = parsed.data;
	if (
		v.proposingEnteId &&
		!db()
			.prepare('SELECT 1 FROM memberships WHERE tavolo_id = ? AND ente_id = ?')
			.get(tavoloId, v.proposingEnteId)
	)
		throw new ValidationError({ proposingEnteId: 'L’ente proponente deve far parte del tavolo' });
	// Linked documents come as a comma-separated list or as checkboxes named doc:<id>.
	const docs = [
		...new Set([
			...v.documentIds.split(/[\s,]+/),
			...Object.entries(input)
				.filter(([k, val]) => k.startsWith('doc:') && val)
				.map(([k]) => k.slice(4))
		])
	]
		.map((s) => s.trim())
		.filter(Boolean);
	if (docs.length > 20)
		throw new ValidationError({ documentIds: 'Al massimo 20 documenti per punto' });
	const inTavolo = db().prepare('SELECT 1 FROM documents WHERE id = ? AND tavolo_id = ?');
	if (docs.some((id) => !inTavolo.get(id, tavoloId)))
		throw new ValidationError({ documentIds: 'Puoi collegare solo documenti di questo tavolo' });
	return { ...v, documentIds: JSON.stringify(docs) };
}

function agendaEditable(m: Meeting): void {
	if (!['bozza', 'convocata', 'rinviata'].includes(m.status))
		throw new ConflictError(
			`L’ordine del giorno di una riunione ${STATUS_LABEL[m.status]} non si modifica più`
		);
}

async function agendaChanged(m: Meeting, what: string): Promise<void> {
	const after = m.status !== 'bozza';
	db()
		.prepare(
			'UPDATE meetings SET sequence = sequence + ?, version = version + 1, updated_at = ? WHERE id = ?'
		)
		.run(after ? 1 : 0, now(), m.id);
	const fresh = row(m.id);
	if (after)
		await tellInvited(
			fresh,
			'riunione.modificata',
			`Ordine del giorno modificato: ${fresh.title}`,
			what,
			false
		);
	announce(fresh, 'agenda');
}

export async function addAgendaItem(
	user: SessionUser,
	meetingId: number,
	input: Record<string, unknown>
): Promise<AgendaItem> {
	const m = manageable(user, meetingId);
	agendaEditable(m);
	const v = parseAgenda(m.tavoloId, input);
	const pos = agendaCount(m.id) + 1;
	const id = Number(
		db()
			.prepare(
				'INSERT INTO agenda_items (meeting_id, position, title, description, proposing_ente_id, duration_minutes, document_ids) VALUES (?, ?, ?, ?, ?, ?, ?)'
			)
			.run(m.id, pos, v.title, v.description, v.proposingEnteId, v.durationMinutes, v.documentIds)
			.lastInsertRowid
	);
	await agendaChanged(m, `Aggiunto il punto ${pos}: ${v.title}`);
	return listAgendaRows(m.id).find((a) => a.id === id)!;
}

function agendaItem(meetingId: number, itemId: number): AgendaItem {
	const item = listAgendaRows(meetingId).find((a) => a.id === itemId);
	if (!item) throw new NotFoundError('Punto all’ordine del giorno non trovato');
	return item;
}

export async function editAgendaItem(
	user: SessionUser,
	meetingId: number,
	itemId: number,
	input: Record<string, unknown>
): Promise<AgendaItem> {
	const m = manageable(user, meetingId);
	agendaEditable(m);
	agendaItem(m.id, itemId);
	const v = parseAgenda(m.tavoloId, input);
	db()
		.prepare(
			'UPDATE agenda_items SET title = ?, description = ?, proposing_ente_id = ?, duration_minutes = ?, document_ids = ? WHERE id = ?'
		)
		.run(v.title, v.description, v.proposingEnteId, v.durationMinutes, v.documentIds, itemId);
	const item = agendaItem(m.id, itemId);
	await agendaChanged(m, `Modificato il punto ${item.position}: ${item.title}`);
	return item;
}

export async function removeAgendaItem(
	user: SessionUser,
	meetingId: number,
	itemId: number
): Promise<void> {
	const m = manageable(user, meetingId);
	agendaEditable(m);
	const item = agendaItem(m.id, itemId);
	if (m.status !== 'bozza' && agendaCount(m.id) === 1)
		throw new ValidationError({
			_: 'Una riunione convocata deve avere almeno un punto all’ordine del giorno'
		});
	db().transaction(() => {
		db().prepare('DELETE FROM agenda_items WHERE id = ?').run(itemId);
		db()
			.prepare(
				'UPDATE agenda_items SET position = position - 1 WHERE meeting_id = ? AND position > ?'
			)
			.run(m.id, item.position);
	})();
	await agendaChanged(m, `Tolto il punto: ${item.title}`);
}

/** Puts the items in the given order (every item id exactly once). */
export async function reorderAgenda(
	user: SessionUser,
	meetingId: number,
	orderedIds: number[]
): Promise<AgendaItem[]> {
	const m = manageable(user, meetingId);
	agendaEditable(m);
	const current = listAgendaRows(m.id);
	const ids = orderedIds.map(Number);
	if (
		ids.length !== current.length ||
		new Set(ids).size !== ids.length ||
		!ids.every((id) => current.some((a) => a.id === id))
	)
		throw new ValidationError({
			_: 'L’ordine indicato non corrisponde ai punti dell’ordine del giorno: ricarica la pagina'
		});
	if (ids.every((id, i) => current[i].id === id)) return current;
	db().transaction(() => {
		const up = db().prepare('UPDATE agenda_items SET position = ? WHERE id = ?');
		ids.forEach((id, i) => up.run(i + 1, id));
	})();
	await agendaChanged(m, 'Cambiato l’ordine dei punti all’ordine del giorno');
	return listAgendaRows(m.id);
}

/** Moves one item up (-1) or down (+1): the keyboard-friendly reorder. */
export function moveAgendaItem(
	user: SessionUser,
	meetingId: number,
	itemId: number,
	delta: -1 | 1
): Promise<AgendaItem[]> {
	const ids = listAgendaItems(user, meetingId).map((a) => a.id);
	const i = ids.indexOf(itemId);
	if (i < 0) throw new NotFoundError('Punto all’ordine del giorno non trovato');
	const j = i + delta;
	if (j < 0 || j >= ids.length)
		throw new ValidationError({ _: 'Il punto è già al limite dell’elenco' });
	[ids[i], ids[j]] = [ids[j], ids[i]];
	return reorderAgenda(user, meetingId, ids);
}

// ---------------------------------------------------------------- RSVP

export async function rsvp(user: SessionUser, meetingId: number, answer: unknown): Promise<void> {
	const m = getMeeting(user, meetingId);
	const membership = membershipOf(user.id, m.tavoloId);
	if (!membership || !isInvited(user.id, m.tavoloId))
		throw new ValidationError({ answer: 'Non sei tra le persone convocate a questa riunione' });
	assertCan(user, 'meeting.rsvp', { tavoloId: m.tavoloId });
	if (!['partecipo', 'non_partecipo', 'delego'].includes(String(answer)))
		throw new ValidationError({ answer: 'Scegli partecipo, non partecipo o delego' });
	if (!LIVE.includes(m.status))
		throw new ValidationError({
			answer:
				m.status === 'bozza'
					? 'La riunione non è ancora stata convocata'
					: `La riunione è ${STATUS_LABEL[m.status]}: non si risponde più alla convocazione`
		});
	if (new Date(m.startsAt).getTime() <= Date.now())
		throw new ValidationError({
			answer: 'La riunione è già iniziata: non si risponde più alla convocazione'
		});
	if (answer === 'delego') {
		if (membership.role !== 'componente' || membership.representation !== 'titolare')
			throw new ValidationError({
				answer: 'Solo il titolare può delegare il supplente del suo ente'
			});
		const supplente = db()
			.prepare(
				`SELECT 1 FROM memberships WHERE tavolo_id = ? AND ente_id = ? AND role = 'componente' AND representation = 'supplente'`
			)
			.get(m.tavoloId, membership.enteId);
		if (!supplente)
			throw new ValidationError({ answer: 'Il tuo ente non ha un supplente a cui delegare' });
	}
	db()
		.prepare(
			`INSERT INTO meeting_rsvps (meeting_id, user_id, answer, answered_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT (meeting_id, user_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at`
		)
		.run(m.id, user.id, answer, now());
	void emitToTavolo(m.tavoloId, 'meeting:rsvp', { meetingId: m.id });
}

export function myRsvp(user: SessionUser, meetingId: number): RsvpAnswer | null {
	return (
		(
			db()
				.prepare('SELECT answer FROM meeting_rsvps WHERE meeting_id = ? AND user_id = ?')
				.get(meetingId, user.id) as { answer: RsvpAnswer } | undefined
		)?.answer ?? null
	);
}

export interface EnteRsvp {
	enteId: number;
	enteName: string;
	/** Someone who represents the ente said they come (or a titolare delegated the supplente). */
	represented: boolean;
	people: {
		userId: number;
		name: string;
		role: string;
		representation: string | null;
		answer: RsvpAnswer | null;
		attendance: AttendanceStatus | null;
	}[];
}

/** Per ente: who is invited, their answer and attendance; whether the ente will be represented. */
export function byEnte(user: SessionUser | null, meetingId: number): EnteRsvp[] {
	const m = getMeeting(user, meetingId);
	const rows = db()
		.prepare(
			`SELECT ms.ente_id AS enteId, e.name AS enteName, u.id AS userId, u.name, ms.role, ms.representation,
			        r.answer, a.status AS attendance
			 FROM memberships ms JOIN users u ON u.id = ms.user_id JOIN enti e ON e.id = ms.ente_id
			 LEFT JOIN meeting_rsvps r ON r.meeting_id = ? AND r.user_id = u.id
			 LEFT JOIN meeting_attendance a ON a.meeting_id = ? AND a.user_id = u.id
			 WHERE ms.tavolo_id = ?
			 ORDER BY e.name, ms.role = 'segreteria' DESC, ms.representation = 'titolare' DESC, u.name`
		)
		.all(m.id, m.id, m.tavoloId) as (EnteRsvp['people'][number] & {
		enteId: number;
		enteName: string;
	})[];
	const groups = new Map<number, EnteRsvp>();
	for (const r of rows) {
		let g = groups.get(r.enteId);
		if (!g)
			groups.set(
				r.enteId,
				(g = { enteId: r.enteId, enteName: r.enteName, represented: false, people: [] })
			);
		const { enteId: _e, enteName: _n, ...person } = r;
		g.people.push(person);
	}
	for (const g of groups.values()) {
		const comps = g.people.filter((p) => p.role === 'componente');
		const delegated =
			comps.some((p) => p.answer === 'delego') &&
			comps.some((p) => p.representation === 'supplente' && p.answer !== 'non_partecipo');
		g.represented = comps.some((p) => p.answer === 'partecipo') || delegated;
	}
	return [...groups.values()];
}

// ---------------------------------------------------------------- attendance and quorum

export interface Quorum {
	rule: string;
	/** Member enti that have componenti: the ones that count. */
	total: number;
	required: number;
	present: number;
	reached: boolean;
	presentEnti: { id: number; name: string }[];
}

/** 'maggioranza' = more than half of the member enti with componenti; 'n:<k>' = at least k. */
export function requiredFor(rule: string, total: number): number {
	const m = /^n:(\d+)$/.exec(rule.trim());
	if (m) return Math.max(1, Number(m[1]));
	return Math.floor(total / 2) + 1;
}

function presentEntiRows(meetingId: number, tavoloId: number): { id: number; name: string }[] {
	// An ente counts once, whether its titolare, its supplente or both are there, in person or remote.
	return db()
		.prepare(
			`SELECT DISTINCT e.id, e.name FROM meeting_attendance a
			 JOIN memberships ms ON ms.user_id = a.user_id AND ms.tavolo_id = ? AND ms.role = 'componente'
			 JOIN enti e ON e.id = ms.ente_id
			 WHERE a.meeting_id = ? AND a.status IN ('presente','remoto') ORDER BY e.name`
		)
		.all(tavoloId, meetingId) as { id: number; name: string }[];
}

function computeQuorum(m: Meeting): Quorum {
	const rule = tavoloById(m.tavoloId).quorumRule;
	const total = (
		db()
			.prepare(
				`SELECT COUNT(DISTINCT ente_id) AS n FROM memberships WHERE tavolo_id = ? AND role = 'componente'`
			)
			.get(m.tavoloId) as { n: number }
	).n;
	const present = presentEntiRows(m.id, m.tavoloId);
	const required = requiredFor(rule, total);
	return {
		rule,
		total,
		required,
		present: present.length,
		reached: total > 0 && present.length >= required,
		presentEnti: present
	};
}

export function quorum(user: SessionUser | null, meetingId: number): Quorum {
	return computeQuorum(getMeeting(user, meetingId));
}

/** Enti present at a meeting (ids), for the decisions domain. */
export function presentEnti(meetingId: number): number[] {
	const m = row(meetingId);
	return presentEntiRows(m.id, m.tavoloId).map((e) => e.id);
}

/** Records one person's attendance (presente / assente / remoto); the quorum goes out live. */
export function recordAttendance(
	user: SessionUser,
	meetingId: number,
	userId: number,
	status: unknown
): Quorum {
	const m = getMeeting(user, meetingId);
	if (!can(user, 'meeting.manage', { tavoloId: m.tavoloId }))
		throw new ValidationError({ _: 'Solo la segreteria registra le presenze' });
	if (!['presente', 'assente', 'remoto'].includes(String(status)))
		throw new ValidationError({ status: 'Scegli presente, assente o collegato da remoto' });
	if (!['convocata', 'rinviata', 'svolta'].includes(m.status))
		throw new ValidationError({
			_:
				m.status === 'bozza'
					? 'La riunione non è ancora stata convocata'
					: `Le presenze di una riunione ${STATUS_LABEL[m.status]} non si modificano`
		});
	if (new Date(m.startsAt).getTime() > Date.now() + 60 * 60000)
		throw new ValidationError({
			_: 'Le presenze si registrano dal giorno della riunione (un’ora prima dell’inizio)'
		});
	if (!isInvited(Number(userId), m.tavoloId))
		throw new ValidationError({ userId: 'La persona non fa parte del tavolo' });
	db()
		.prepare(
			`INSERT INTO meeting_attendance (meeting_id, user_id, status, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (meeting_id, user_id) DO UPDATE SET status = excluded.status, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`
		)
		.run(m.id, Number(userId), status, user.id, now());
	const q = computeQuorum(m);
	void emitToTavolo(m.tavoloId, 'meeting:quorum', { meetingId: m.id, quorum: q });
	return q;
}

// ---------------------------------------------------------------- what awaits me

export interface Awaiting {
	kind: 'rsvp' | 'verbale';
	meetingId: number;
	title: string;
	startsAt: string;
	tavoloSlug: string;
	tavoloName: string;
	url: string;
}

/** Convocations to answer and verbali in approvazione, across the user's tavoli (or one). */
export function awaitingMe(user: SessionUser, tavoloId?: number): Awaiting[] {
	const filter = tavoloId ? 'AND ms.tavolo_id = ?' : '';
	const args = tavoloId ? [user.id, tavoloId] : [user.id];
	const rsvps = db()
		.prepare(
			`SELECT m.id AS meetingId, m.title, m.starts_at AS startsAt, t.slug AS tavoloSlug, t.name AS tavoloName
			 FROM memberships ms JOIN meetings m ON m.tavolo_id = ms.tavolo_id JOIN tavoli t ON t.id = m.tavolo_id
			 WHERE ms.user_id = ? ${filter} AND ms.role IN ('segreteria','componente') AND m.status IN ('convocata','rinviata') AND m.starts_at > ?
			   AND NOT EXISTS (SELECT 1 FROM meeting_rsvps r WHERE r.meeting_id = m.id AND r.user_id = ms.user_id)
			 ORDER BY m.starts_at`
		)
		.all(...args, now()) as Omit<Awaiting, 'kind' | 'url'>[];
	const minutes = db()
		.prepare(
			`SELECT m.id AS meetingId, m.title, m.starts_at AS startsAt, t.slug AS tavoloSlug, t.name AS tavoloName
			 FROM memberships ms JOIN meetings m ON m.tavolo_id = ms.tavolo_id JOIN tavoli t ON t.id = m.tavolo_id
			 JOIN meeting_minutes v ON v.meeting_id = m.id AND v.status = 'in_approvazione'
			 WHERE ms.user_id = ? ${filter} ORDER BY m.starts_at`
		)
		.all(...args) as Omit<Awaiting, 'kind' | 'url'>[];
	const url = (a: Omit<Awaiting, 'kind' | 'url'>) =>
		`/tavoli/${a.tavoloSlug}/riunioni/${a.meetingId}`;
	return [
		...rsvps.map((a) => ({ ...a, kind: 'rsvp' as const, url: url(a) })),
		...minutes.map((a) => ({ ...a, kind: 'verbale' as const, url: url(a) }))
	];
}
