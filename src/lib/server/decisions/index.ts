/**
 * The register of decisions: drafts recorded by the segreteria, votes per ente, publication with
 * an atomic progressive number per tavolo and year, immutability, rettifiche, albo pretorio
 * references, followers, and the hash chain that makes tampering evident.
 *
 * Verbs take the acting user first and check access through the policy.
 */
import { z } from 'zod';
import { db, type DB } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import {
	assertCan,
	decide,
	membershipOf,
	readableVisibilities,
	type Visibility
} from '../policy/index.js';
import { ConflictError, fromZod, NotFoundError, ValidationError } from '../errors.js';
import { byId as tavoloById } from '../tavoli/index.js';
import { notify } from '../notifications/index.js';
import { emitToTavolo } from '../realtime/index.js';
import { hashOf, type Chainable } from './chain.js';
import { getMeeting, listAgendaItems, presentEnti } from '../meetings/index.js';
import { getVersion, get as getDocument } from '../documents/index.js';

export const TYPES = [
	'approvazione_piano',
	'approvazione_verbale',
	'parere',
	'accordo',
	'indirizzo',
	'altro'
] as const;
export const OUTCOMES = ['approvata', 'respinta', 'rinviata'] as const;
export const VOTES = ['favorevole', 'contrario', 'astenuto'] as const;
export const VISIBILITIES = ['riservata', 'membri', 'osservatori', 'pubblica'] as const;
export type DecisionType = (typeof TYPES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Vote = (typeof VOTES)[number];

export const TYPE_LABELS: Record<DecisionType, string> = {
	approvazione_piano: 'Approvazione del piano',
	approvazione_verbale: 'Approvazione del verbale',
	parere: 'Parere',
	accordo: 'Accordo',
	indirizzo: 'Indirizzo',
	altro: 'Altro'
};
export const OUTCOME_LABELS: Record<Outcome, string> = {
	approvata: 'Approvata',
	respinta: 'Respinta',
	rinviata: 'Rinviata'
};
export const VISIBILITY_LABELS: Record<Visibility, string> = {
	riservata: 'Riservata (segreteria)',
	membri: 'Componenti del tavolo',
	osservatori: 'Componenti e osservatori',
	pubblica: 'Pubblica'
};

export interface Attachment {
	documentId: string | null;
	versionId: number | null;
	title: string;
	sha256: string;
}

export interface Decision {
	id: number;
	tavoloId: number;
	tavoloSlug: string;
	tavoloName: string;
	region: string | null;
	meetingId: number | null;
	agendaItemId: number | null;
	title: string;
	body: string;
	type: DecisionType;
	outcome: Outcome;
	voting: 'consenso' | 'voti';
	visibility: Visibility;
	decidedOn: string;
	status: 'bozza' | 'pubblicata';
	year: number | null;
	number: number | null;
	ref: string | null; // "7/2026"
	seq: number | null;
	publishedAt: string | null;
	prevHash: string | null;
	hash: string | null;
	rettificaOf: { id: number; ref: string | null; title: string } | null;
	rettificataDa: { id: number; ref: string | null; title: string }[];
	votes: { enteId: number; enteName: string; vote: Vote }[];
	attachments: Attachment[];
	albo: { enteName: string; number: string; publishedOn: string; url: string } | null;
}

const ROW = `d.id, d.tavolo_id AS tavoloId, t.slug AS tavoloSlug, t.name AS tavoloName, t.region,
	d.meeting_id AS meetingId, d.agenda_item_id AS agendaItemId, d.title, d.body, d.type, d.outcome, d.voting,
	d.visibility, d.decided_on AS decidedOn, d.status, d.year, d.number, d.chain_seq AS seq,
	d.published_at AS publishedAt, d.prev_hash AS prevHash, d.hash, d.rettifica_of AS rettificaOfId`;

type Row = Omit<
	Decision,
	'ref' | 'rettificaOf' | 'rettificataDa' | 'votes' | 'attachments' | 'albo'
> & {
	rettificaOfId: number | null;
};

export const refOf = (r: { year: number | null; number: number | null }) =>
	r.number && r.year ? `${r.number}/${r.year}` : null;

function hydrate(row: Row, full = true): Decision {
	const d = db();
	const link = (id: number) => {
		const l = d.prepare('SELECT id, year, number, title FROM decisions WHERE id = ?').get(id) as {
			id: number;
			year: number | null;
			number: number | null;
			title: string;
		};
		return { id: l.id, ref: refOf(l), title: l.title };
	};
	const { rettificaOfId, ...rest } = row;
	return {
		...rest,
		ref: refOf(row),
		rettificaOf: rettificaOfId ? link(rettificaOfId) : null,
		rettificataDa: full
			? (
					d
						.prepare(
							"SELECT id, year, number, title FROM decisions WHERE rettifica_of = ? AND +status = 'pubblicata' ORDER BY id"
						)
						.all(row.id) as { id: number; year: number; number: number; title: string }[]
				).map((l) => ({ id: l.id, ref: refOf(l), title: l.title }))
			: [],
		votes: votesOf(row.id),
		attachments: d
			.prepare(
				'SELECT document_id AS documentId, version_id AS versionId, title, sha256 FROM decision_attachments WHERE decision_id = ? ORDER BY position'
			)
			.all(row.id) as Attachment[],
		albo:
			(d
				.prepare(
					'SELECT ente_name AS enteName, number, published_on AS publishedOn, url FROM decision_albo WHERE decision_id = ?'
				)
				.get(row.id) as Decision['albo'] | undefined) ?? null
	};
}

function rowById(id: number): Row | undefined {
	return db()
		.prepare(`SELECT ${ROW} FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE d.id = ?`)
		.get(id) as Row | undefined;
}

// ---------------------------------------------------------------- voting enti

/** The votes recorded on a decision, by ente. */
function votesOf(id: number): Decision['votes'] {
	return db()
		.prepare(
			'SELECT ente_id AS enteId, ente_name AS enteName, vote FROM decision_votes WHERE decision_id = ? ORDER BY ente_id'
		)
		.all(id) as Decision['votes'];
}

/**
 * The enti entitled to vote: at a meeting, the enti present (attendance recorded by the
 * segreteria); for a written procedure, the tavolo's enti that have componenti.
 */
export function votingEnti(
	tavoloId: number,
	meetingId: number | null = null
): { id: number; name: string }[] {
	if (meetingId) {
		const ids = presentEnti(meetingId);
		if (!ids.length) return [];
		return db()
			.prepare(
				`SELECT id, name FROM enti WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY name`
			)
			.all(...ids) as { id: number; name: string }[];
	}
	return db()
		.prepare(
			`SELECT DISTINCT e.id, e.name FROM memberships m JOIN enti e ON e.id = m.ente_id
			 WHERE m.tavolo_id = ? AND m.role = 'componente' ORDER BY e.name`
		)
		.all(tavoloId) as { id: number; name: string }[];
}

/**
 * Checks that a meeting (and agenda item) belongs to the tavolo and can carry decisions.
 * Returns the meeting's date (Rome) as the default date of the decision.
 */
export function checkMeeting(
	user: SessionUser,
	tavoloId: number,
	meetingId: number | null,
	agendaItemId: number | null
): { date: string; title: string; item: string | null } | null {
	if (!meetingId) {
		if (agendaItemId)
			throw new ValidationError({
				agendaItemId: 'Un punto all’ordine del giorno appartiene a una riunione: scegli la riunione'
			});
		return null;
	}
	let m;
	try {
		m = getMeeting(user, meetingId);
	} catch {
		throw new ValidationError({ meetingId: 'Riunione non trovata in questo tavolo' });
	}
	if (m.tavoloId !== tavoloId)
		throw new ValidationError({ meetingId: 'Riunione non trovata in questo tavolo' });
	if (m.status === 'bozza' || m.status === 'annullata')
		throw new ValidationError({
			meetingId: `La riunione è ${m.status === 'bozza' ? 'ancora in bozza' : 'annullata'}: non può avere decisioni`
		});
	let item: string | null = null;
	if (agendaItemId) {
		const found = listAgendaItems(user, meetingId).find((a) => a.id === agendaItemId);
		if (!found)
			throw new ValidationError({
				agendaItemId: 'Il punto non è nell’ordine del giorno di questa riunione'
			});
		item = found.title;
	}
	const date = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Rome',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(new Date(m.startsAt));
	return { date, title: m.title, item };
}

// ---------------------------------------------------------------- input

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const draftSchema = z.object({
	title: z
		.string({ message: 'Indica il titolo' })
		.trim()
		.min(3, 'Indica il titolo (almeno 3 caratteri)')
		.max(300, 'Titolo troppo lungo (massimo 300 caratteri)'),
	body: z
		.string({ message: 'Scrivi il testo della decisione' })
		.trim()
		.min(10, 'Scrivi il testo della decisione (almeno 10 caratteri)')
		.max(50_000, 'Testo troppo lungo'),
	type: z.enum(TYPES, { message: 'Scegli il tipo di decisione' }),
	outcome: z.enum(OUTCOMES, { message: 'Scegli l’esito' }),
	voting: z.enum(['consenso', 'voti'], { message: 'Scegli consenso o votazione per ente' }),
	visibility: z.enum(VISIBILITIES, { message: 'Scegli chi può leggere la decisione' }),
	decidedOn: z
		.string({ message: 'Indica la data della decisione' })
		.regex(DATE, 'Indica la data nel formato AAAA-MM-GG')
		.refine(
			(s) =>
				!Number.isNaN(Date.parse(s + 'T00:00:00Z')) &&
				new Date(s + 'T00:00:00Z').toISOString().startsWith(s),
			'Data non valida'
		)
});

export interface DraftInput {
	title?: unknown;
	body?: unknown;
	type?: unknown;
	outcome?: unknown;
	voting?: unknown;
	visibility?: unknown;
	decidedOn?: unknown;
	/** enteId → vote, or form fields vote_<enteId>. */
	votes?: Record<string, unknown>;
	attachments?: {
		documentId?: unknown;
		versionId?: unknown;
		title?: unknown;
		sha256?: unknown;
		pick?: unknown;
	}[];
	rettificaOf?: unknown;
	[key: string]: unknown;
}

/** Votes from either `votes: {enteId: vote}` or form fields `vote_<enteId>`; empty means absent. */
function collectVotes(input: DraftInput): Map<number, string> {
	const out = new Map<number, string>();
	const add = (k: string, v: unknown) => {
		if (v === undefined || v === null || v === '') return;
		if (!/^\d+$/.test(k)) throw new ValidationError({ votes: `Ente non valido nei voti: «${k}»` });
		out.set(Number(k), String(v));
	};
	for (const [k, v] of Object.entries(input.votes ?? {})) add(k, v);
	for (const [k, v] of Object.entries(input)) if (k.startsWith('vote_')) add(k.slice(5), v);
	return out;
}

function validate(tavoloId: number, input: DraftInput, meetingId: number | null) {
	const parsed = draftSchema.safeParse(input);
	const errors: Record<string, string> = parsed.success ? {} : fromZod(parsed.error).fields;
	const tavolo = tavoloById(tavoloId);
	if (parsed.success && parsed.data.visibility === 'pubblica' && !tavolo.isPublic)
		errors.visibility =
			'Il tavolo non è pubblico: la decisione può essere al massimo visibile agli osservatori';
	const votes = collectVotes(input);
	const enti = votingEnti(tavoloId, meetingId);
	const byId = new Map(enti.map((e) => [e.id, e.name]));
	const cleanVotes: { enteId: number; enteName: string; vote: Vote }[] = [];
	for (const [enteId, vote] of votes) {
		if (!byId.has(enteId)) {
			const known = db().prepare('SELECT name FROM enti WHERE id = ?').get(enteId) as
				{ name: string } | undefined;
			errors.votes = `${known ? known.name : `L’ente ${enteId}`} non è tra gli enti presenti: il suo voto non può essere registrato`;
			continue;
		}
		if (!(VOTES as readonly string[]).includes(vote)) {
			errors.votes = `Voto non valido per ${byId.get(enteId)}: scegli favorevole, contrario o astenuto`;
			continue;
		}
		cleanVotes.push({ enteId, enteName: byId.get(enteId)!, vote: vote as Vote });
	}
	if (parsed.success && parsed.data.voting === 'consenso' && cleanVotes.length)
		errors.votes ??= 'Con il consenso non si registrano voti per ente';
	if (parsed.success && parsed.data.voting === 'voti' && !cleanVotes.length && !errors.votes)
		errors.votes = 'Registra il voto di almeno un ente presente';
	const attachments: Attachment[] = [];
	for (const [i, a] of (input.attachments ?? []).entries()) {
		const title = String(a.title ?? '').trim();
		const sha = String(a.sha256 ?? '')
			.trim()
			.toLowerCase();
		if (!title && !sha) continue;
		if (!title) errors[`attachments.${i}.title`] = 'Indica il titolo dell’allegato';
		if (!/^[0-9a-f]{64}$/.test(sha))
			errors[`attachments.${i}.sha256`] = 'L’impronta SHA-256 deve avere 64 cifre esadecimali';
		const documentId =
			a.documentId === undefined || a.documentId === null || a.documentId === ''
				? null
				: String(a.documentId);
		const versionId =
			a.versionId === undefined || a.versionId === null || a.versionId === ''
				? null
				: Number(a.versionId);
		if (
			(documentId !== null && !/^[\w-]{1,64}$/.test(documentId)) ||
			(versionId !== null && !(Number.isInteger(versionId) && versionId > 0))
		)
			errors[`attachments.${i}.versionId`] = 'Documento o versione non validi';
		attachments.push({ documentId, versionId, title, sha256: sha });
	}
	let rettificaOf: number | null = null;
	if (input.rettificaOf !== undefined && input.rettificaOf !== null && input.rettificaOf !== '') {
		const id = Number(input.rettificaOf);
		const target = Number.isInteger(id) ? rowById(id) : undefined;
		if (!target || target.tavoloId !== tavoloId)
			errors.rettificaOf = 'La decisione da rettificare non esiste in questo tavolo';
		else if (target.status !== 'pubblicata')
			errors.rettificaOf = 'Si rettifica solo una decisione pubblicata';
		else rettificaOf = id;
	}
	if (Object.keys(errors).length || !parsed.success) throw new ValidationError(errors);
	return { ...parsed.data, votes: cleanVotes, attachments, rettificaOf };
}

/**
 * Attachments picked from the workspace ("<documentId>:<versionId>") become frozen references:
 * title and SHA-256 come from the saved version itself, not from what the form claims.
 */
function resolvePicks(user: SessionUser, tavoloId: number, input: DraftInput): DraftInput {
	const attachments = [...(input.attachments ?? [])];
	for (const [i, a] of attachments.entries()) {
		const pick = (a as { pick?: unknown }).pick;
		if (!pick) continue;
		const m = /^([\w-]{1,64}):(\d{1,12})$/.exec(String(pick));
		try {
			if (!m) throw new Error();
			const doc = getDocument(user, m[1]);
			if (doc.tavoloId !== tavoloId) throw new Error();
			const v = getVersion(user, m[1], Number(m[2]));
			attachments[i] = {
				documentId: doc.id,
				versionId: v.id,
				title: `${doc.title} – ${v.name}`,
				sha256: v.hash
			};
		} catch {
			throw new ValidationError({
				[`attachments.${i}.title`]: 'Versione del documento non trovata in questo tavolo'
			});
		}
	}
	return { ...input, attachments };
}

function writeChildren(d: DB, id: number, v: ReturnType<typeof validate>) {
	d.prepare('DELETE FROM decision_votes WHERE decision_id = ?').run(id);
	d.prepare('DELETE FROM decision_attachments WHERE decision_id = ?').run(id);
	const vote = d.prepare(
		'INSERT INTO decision_votes (decision_id, ente_id, ente_name, vote) VALUES (?, ?, ?, ?)'
	);
	for (const x of v.votes) vote.run(id, x.enteId, x.enteName, x.vote);
	const att = d.prepare(
		'INSERT INTO decision_attachments (decision_id, position, document_id, version_id, title, sha256) VALUES (?, ?, ?, ?, ?, ?)'
	);
	v.attachments.forEach((a, i) => att.run(id, i + 1, a.documentId, a.versionId, a.title, a.sha256));
}

// ---------------------------------------------------------------- verbs

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
				.run(
					tavoloId,
					at.meetingId ?? null,
					at.agendaItemId ?? null,
					v.title,
					v.body,
					v.type,
					v.outcome,
					v.voting,
					v.visibility,
					v.decidedOn,
					v.rettificaOf,
					user.id
				).lastInsertRowid
		);
		writeChildren(d, id, v);
		return id;
	})();
}

/** Loads a decision for the segreteria: 404 when unknown or not readable, 403 for other roles. */
function recordable(user: SessionUser, id: number): Row {
	const row = rowById(id);
	if (!row) throw new NotFoundError('Decisione non trovata');
	const tavolo = tavoloById(row.tavoloId);
	assertCan(user, 'decision.read', {
		tavoloId: row.tavoloId,
		isPublic: tavolo.isPublic,
		visibility: row.visibility
	});
	assertCan(user, 'decision.record', { tavoloId: row.tavoloId, isPublic: tavolo.isPublic });
	return row;
}

/** Loads a draft for the segreteria; 409 when it is already published. */
function draftFor(user: SessionUser, id: number): Row {
	const row = recordable(user, id);
	if (row.status === 'pubblicata')
		throw new ConflictError(
			`La decisione ${refOf(row)} è già pubblicata e non si può modificare: per correggerla registra una rettifica`
		);
	return row;
}

export function editDraft(user: SessionUser, id: number, input: DraftInput): void {
	const row = draftFor(user, id);
	const v = validate(row.tavoloId, resolvePicks(user, row.tavoloId, input), row.meetingId);
	const d = db();
	d.transaction(() => {
		d.prepare(
			`UPDATE decisions SET title = ?, body = ?, type = ?, outcome = ?, voting = ?, visibility = ?, decided_on = ?, rettifica_of = ?,
			 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ? AND status = 'bozza'`
		).run(
			v.title,
			v.body,
			v.type,
			v.outcome,
			v.voting,
			v.visibility,
			v.decidedOn,
			v.rettificaOf,
			id
		);
		writeChildren(d, id, v);
	})();
}

/** Replaces the votes of a draft (enteId → vote); only enti present may vote. */
export function setVotes(user: SessionUser, id: number, votes: Record<string, unknown>): void {
	const row = draftFor(user, id);
	const current = hydrate(row, false);
	editDraft(user, id, {
		title: current.title,
		body: current.body,
		type: current.type,
		outcome: current.outcome,
		voting: 'voti',
		visibility: current.visibility,
		decidedOn: current.decidedOn,
		rettificaOf: current.rettificaOf?.id ?? null,
		attachments: current.attachments,
		votes
	});
}

export function deleteDraft(user: SessionUser, id: number): void {
	draftFor(user, id);
	db().prepare("DELETE FROM decisions WHERE id = ? AND status = 'bozza'").run(id);
}

function romeYear(date: Date): number {
	return Number(
		new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', year: 'numeric' }).format(date)
	);
}

/** What gets hashed, read back from the rows (used at publication and by verify). */
function chainable(d: DB, row: Row): Chainable {
	const rett = row.rettificaOfId
		? refOf(
				d.prepare('SELECT year, number FROM decisions WHERE id = ?').get(row.rettificaOfId) as {
					year: number;
					number: number;
				}
			)
		: null;
	return {
		tavoloId: row.tavoloId,
		visibility: row.visibility,
		seq: row.seq!,
		year: row.year!,
		number: row.number!,
		decidedOn: row.decidedOn,
		publishedAt: row.publishedAt!,
		title: row.title,
		body: row.body,
		type: row.type,
		outcome: row.outcome,
		voting: row.voting,
		votes: d
			.prepare(
				'SELECT ente_id AS enteId, ente_name AS enteName, vote FROM decision_votes WHERE decision_id = ?'
			)
			.all(row.id) as Chainable['votes'],
		attachments: d
			.prepare('SELECT sha256 FROM decision_attachments WHERE decision_id = ? ORDER BY position')
			.all(row.id) as { sha256: string }[],
		rettifica: rett,
		prevHash: row.prevHash
	};
}

/**
 * Numbers, chains and freezes a draft inside one IMMEDIATE transaction: the next number of the
 * tavolo's year and the previous hash are read and written under the database's write lock, so
 * two secretaries publishing at once (even from two processes) can never get the same number.
 */
export function publishInternal(
	id: number,
	publishedBy: number | null,
	at = new Date()
): { year: number; number: number; hash: string } {
	const d = db();
	const run = d.transaction(() => {
		const row = rowById(id);
		if (!row) throw new NotFoundError('Decisione non trovata');
		if (row.status === 'pubblicata')
			throw new ConflictError(
				`La decisione è già pubblicata con il numero ${refOf(row)}: non si pubblica due volte`
			);
		if (row.rettificaOfId) {
			const target = rowById(row.rettificaOfId);
			if (!target || target.status !== 'pubblicata')
				throw new ValidationError({ rettificaOf: 'Si rettifica solo una decisione pubblicata' });
		}
		if (row.visibility === 'pubblica' && !tavoloById(row.tavoloId).isPublic)
			throw new ValidationError({
				visibility:
					'Il tavolo non è pubblico: la decisione può essere al massimo visibile agli osservatori'
			});
		// Attendance may have been corrected since the draft was saved: what is published must
		// still be votes of enti present at the meeting.
		if (row.meetingId) {
			const present = new Set(presentEnti(row.meetingId));
			const gone = votesOf(id).filter((v) => !present.has(v.enteId));
			if (gone.length)
				throw new ValidationError({
					votes: `Le presenze della riunione sono cambiate dopo la bozza: ${gone.map((v) => v.enteName).join(', ')} ${gone.length === 1 ? 'non risulta più presente' : 'non risultano più presenti'}. Aggiorna i voti della bozza, poi pubblica.`
				});
		}
		const year = romeYear(at);
		const { n } = d
			.prepare(
				'SELECT COALESCE(MAX(number), 0) + 1 AS n FROM decisions WHERE tavolo_id = ? AND year = ?'
			)
			.get(row.tavoloId, year) as { n: number };
		const prev = d
			.prepare(
				"SELECT chain_seq AS seq, hash FROM decisions WHERE tavolo_id = ? AND visibility = ? AND status = 'pubblicata' ORDER BY chain_seq DESC LIMIT 1"
			)
			.get(row.tavoloId, row.visibility) as { seq: number; hash: string } | undefined;
		const published: Row = {
			...row,
			year,
			number: n,
			seq: (prev?.seq ?? 0) + 1,
			publishedAt: at.toISOString(),
			prevHash: prev?.hash ?? null
		};
		const hash = hashOf(chainable(d, published));
		d.prepare(
			`UPDATE decisions SET status = 'pubblicata', year = ?, number = ?, chain_seq = ?, published_at = ?, prev_hash = ?, hash = ?, published_by = ?
			 WHERE id = ? AND status = 'bozza'`
		).run(year, n, published.seq, published.publishedAt, published.prevHash, hash, publishedBy, id);
		d.prepare('INSERT INTO decisions_fts (rowid, title, body) VALUES (?, ?, ?)').run(
			id,
			row.title,
			row.body
		);
		return { year, number: n, hash };
	});
	return run.immediate();
}

export async function publish(
	user: SessionUser,
	id: number
): Promise<{ year: number; number: number; ref: string }> {
	const row = recordable(user, id);
	const r = publishInternal(id, user.id);
	const ref = `${r.number}/${r.year}`;
	// Open decision lists of this tavolo refresh, for those who may read it (re-checked per socket).
	const target = { tavoloId: row.tavoloId, visibility: row.visibility };
	void emitToTavolo(row.tavoloId, 'decision:published', { id, ref }, (u, m) =>
		decide(u, m, 'decision.read', target)
	);
	await notifyFollowers(id).catch((e) =>
		console.error('[raccordo] decision notification failed:', e)
	);
	return { year: r.year, number: r.number, ref };
}

/** Followers who may read the decision get an in-app notification (and an e-mail with SMTP). */
async function notifyFollowers(id: number): Promise<void> {
	const row = rowById(id)!;
	const followers = db()
		.prepare(
			'SELECT u.id, u.email, u.name, u.is_admin AS isAdmin, u.locale FROM decision_follows f JOIN users u ON u.id = f.user_id WHERE f.tavolo_id = ?'
		)
		.all(row.tavoloId) as {
		id: number;
		email: string;
		name: string;
		isAdmin: number;
		locale: 'it' | 'en';
	}[];
	const target = { tavoloId: row.tavoloId, visibility: row.visibility };
	const allowed = followers
		.filter((f) =>
			decide(
				{ ...f, isAdmin: !!f.isAdmin },
				membershipOf(f.id, row.tavoloId),
				'decision.read',
				target
			)
		)
		.map((f) => f.id);
	const ref = refOf(row);
	await notify(allowed, {
		kind: 'decisione.pubblicata',
		tavoloId: row.tavoloId,
		title: `Decisione ${ref} pubblicata: ${row.title}`,
		body: `${row.tavoloName} — ${OUTCOME_LABELS[row.outcome]}`,
		url: `/tavoli/${row.tavoloSlug}/decisioni/${row.id}`,
		email: {}
	});
}

/** Starts the rettifica of a published decision: a new draft linked to it. */
export function rettifica(user: SessionUser, id: number, input: DraftInput): number {
	const old = rowById(id);
	if (!old) throw new NotFoundError('Decisione non trovata');
	const tavolo = tavoloById(old.tavoloId);
	assertCan(user, 'decision.read', {
		tavoloId: old.tavoloId,
		isPublic: tavolo.isPublic,
		visibility: old.visibility
	});
	return recordDraft(user, old.tavoloId, { ...input, rettificaOf: id });
}

const alboSchema = z.object({
	alboEnte: z
		.string({ message: 'Indica l’ente' })
		.trim()
		.min(2, 'Indica l’ente sul cui albo è pubblicata')
		.max(200),
	alboNumber: z
		.string({ message: 'Indica il numero' })
		.trim()
		.min(1, 'Indica il numero di pubblicazione')
		.max(50),
	alboDate: z
		.string({ message: 'Indica la data' })
		.regex(DATE, 'Indica la data nel formato AAAA-MM-GG'),
	alboUrl: z
		.string({ message: 'Indica l’indirizzo' })
		.trim()
		.refine(
			(s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s),
			'Indica un indirizzo web che inizi con https://'
		)
});

/** Links the legal publication on an ente's albo pretorio (once; not part of the hashed record). */
export function setAlbo(user: SessionUser, id: number, input: Record<string, unknown>): void {
	const row = recordable(user, id);
	if (row.status !== 'pubblicata')
		throw new ConflictError(
			'Il riferimento all’albo si aggiunge dopo la pubblicazione nel registro'
		);
	const p = alboSchema.safeParse(input);
	if (!p.success) throw fromZod(p.error);
	if (db().prepare('SELECT 1 FROM decision_albo WHERE decision_id = ?').get(id))
		throw new ConflictError('Il riferimento all’albo pretorio è già registrato');
	db()
		.prepare(
			'INSERT INTO decision_albo (decision_id, ente_name, number, published_on, url, recorded_by) VALUES (?, ?, ?, ?, ?, ?)'
		)
		.run(id, p.data.alboEnte, p.data.alboNumber, p.data.alboDate, p.data.alboUrl, user.id);
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

// ---------------------------------------------------------------- reading (in-app)

export interface ListFilters {
	year?: number;
	type?: DecisionType;
	outcome?: Outcome;
	q?: string;
	status?: 'bozza' | 'pubblicata';
}

/** Turns free text into an FTS5 query of quoted prefix terms (no FTS syntax reaches SQLite). */
export function ftsQuery(q: string): string | null {
	const terms = q
		.normalize('NFC')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((t) => t.length > 0)
		.slice(0, 12);
	return terms.length ? terms.map((t) => `"${t}"*`).join(' ') : null;
}

/** Decisions of a tavolo this user may read (drafts only for the segreteria). */
export function listForTavolo(
	user: SessionUser | null,
	tavoloId: number,
	f: ListFilters = {}
): Decision[] {
	const tavolo = tavoloById(tavoloId);
	const m = assertCan(user, 'tavolo.see', { tavoloId, isPublic: tavolo.isPublic });
	const vis = readableVisibilities(m?.role ?? null, !!user?.isAdmin);
	const where = [`d.tavolo_id = ?`, `d.visibility IN (${vis.map(() => '?').join(',')})`];
	const args: unknown[] = [tavoloId, ...vis];
	const recorder = decide(user, m, 'decision.record', { tavoloId });
	if (!recorder || f.status === 'pubblicata') where.push(`d.status = 'pubblicata'`);
	else if (f.status === 'bozza') where.push(`d.status = 'bozza'`);
	if (f.year) (where.push('d.year = ?'), args.push(f.year));
	if (f.type) (where.push('d.type = ?'), args.push(f.type));
	if (f.outcome) (where.push('d.outcome = ?'), args.push(f.outcome));
	if (f.q) {
		const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
		where.push(`(d.title LIKE ? ESCAPE '\\' OR d.body LIKE ? ESCAPE '\\')`);
		args.push(like, like);
	}
	const rows = db()
		.prepare(
			`SELECT ${ROW} FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE ${where.join(' AND ')}
			 ORDER BY d.status = 'bozza' DESC, d.year DESC, d.number DESC, d.id DESC LIMIT 500`
		)
		.all(...args) as Row[];
	return rows.map((r) => hydrate(r, false));
}

/** One decision for this user: 404 when unknown or not readable (no existence leak). */
export function getDecision(user: SessionUser | null, id: number): Decision {
	const row = Number.isInteger(id) ? rowById(id) : undefined;
	if (!row) throw new NotFoundError('Decisione non trovata');
	const tavolo = tavoloById(row.tavoloId);
	const m = membershipOf(user?.id, row.tavoloId);
	const target = { tavoloId: row.tavoloId, isPublic: tavolo.isPublic, visibility: row.visibility };
	if (!decide(user, m, 'decision.read', target)) throw new NotFoundError('Decisione non trovata');
	if (row.status === 'bozza' && !decide(user, m, 'decision.record', target))
		throw new NotFoundError('Decisione non trovata');
	return hydrate(row);
}

export function yearsOf(tavoloId: number): number[] {
	return (
		db()
			.prepare(
				"SELECT DISTINCT year FROM decisions WHERE tavolo_id = ? AND status = 'pubblicata' ORDER BY year DESC"
			)
			.all(tavoloId) as { year: number }[]
	).map((r) => r.year);
}

// ---------------------------------------------------------------- verification

export interface ChainReport {
	ok: boolean;
	chains: {
		tavoloId: number;
		tavoloSlug: string;
		visibility: Visibility;
		length: number;
		ok: boolean;
	}[];
	/** The first broken link, named: which decision and why. */
	broken: { decisionId: number; tavoloSlug: string; ref: string; reason: string }[];
	checked: number;
}

/**
 * Recomputes every chain (or only the public ones) from the rows and names each chain's first
 * broken link. Also checks that numbers are gap-free per tavolo and year.
 */
export function verifyChains(opts: { publicOnly?: boolean } = {}): ChainReport {
	const d = db();
	const rows = d
		.prepare(
			`SELECT ${ROW} FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE d.status = 'pubblicata'
			 ${opts.publicOnly ? "AND d.visibility = 'pubblica' AND t.is_public = 1" : ''}
			 ORDER BY d.tavolo_id, d.visibility, d.chain_seq`
		)
		.all() as Row[];
	const report: ChainReport = { ok: true, chains: [], broken: [], checked: rows.length };
	let key = '';
	let prev: Row | null = null;
	let chain: ChainReport['chains'][number] | null = null;
	for (const row of rows) {
		const k = `${row.tavoloId}|${row.visibility}`;
		if (k !== key) {
			key = k;
			prev = null;
			chain = {
				tavoloId: row.tavoloId,
				tavoloSlug: row.tavoloSlug,
				visibility: row.visibility,
				length: 0,
				ok: true
			};
			report.chains.push(chain);
		}
		chain!.length++;
		if (chain!.ok) {
			let reason: string | null = null;
			const expectedSeq = (prev?.seq ?? 0) + 1;
			if (row.seq !== expectedSeq)
				reason = `posizione ${row.seq} nella catena, attesa ${expectedSeq}: manca un anello`;
			else if (row.prevHash !== (prev?.hash ?? null))
				reason = 'l’hash precedente non corrisponde alla decisione che la precede';
			else if (hashOf(chainable(d, row)) !== row.hash)
				reason = 'il contenuto non corrisponde più al suo hash: la decisione è stata alterata';
			if (reason) {
				chain!.ok = false;
				report.ok = false;
				report.broken.push({
					decisionId: row.id,
					tavoloSlug: row.tavoloSlug,
					ref: refOf(row)!,
					reason
				});
			}
		}
		prev = row;
	}
	if (!opts.publicOnly) {
		// Numbers: 1..n without gaps in every tavolo and year.
		const years = d
			.prepare(
				"SELECT d.tavolo_id, t.slug, d.year, COUNT(*) AS n, MAX(d.number) AS max FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id WHERE d.status = 'pubblicata' GROUP BY d.tavolo_id, d.year"
			)
			.all() as { tavolo_id: number; slug: string; year: number; n: number; max: number }[];
		for (const y of years)
			if (y.n !== y.max) {
				report.ok = false;
				report.broken.push({
					decisionId: 0,
					tavoloSlug: y.slug,
					ref: `…/${y.year}`,
					reason: `numerazione ${y.year} con lacune: ${y.n} decisioni, ultimo numero ${y.max}`
				});
			}
	}
	return report;
}

/** Form fields (vote_<enteId>, att_title_<i>, att_sha256_<i>, …) to a DraftInput. */
export function fromForm(values: Record<string, string>): DraftInput {
	const attachments: NonNullable<DraftInput['attachments']> = [];
	for (let i = 0; i < 10; i++)
		if (`att_title_${i}` in values || `att_sha256_${i}` in values || values[`att_pick_${i}`])
			attachments.push({
				title: values[`att_title_${i}`],
				sha256: values[`att_sha256_${i}`],
				pick: values[`att_pick_${i}`],
				documentId: values[`att_document_${i}`],
				versionId: values[`att_version_${i}`]
			});
	return { ...values, attachments };
}
