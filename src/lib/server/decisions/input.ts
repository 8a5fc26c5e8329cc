/**
 * What a draft may contain: zod schemas for the fields, and the checks that need the database
 * (voting enti, meeting and agenda item, rettifica target, picked document versions). Messages are
 * Italian field messages, shown next to the field.
 */
import { z } from 'zod';
import type { SessionUser } from '../auth/session.js';
import { fromZod, ValidationError } from '../errors.js';
import { byId as tavoloById } from '../tavoli/index.js';
import { getMeeting, listAgendaItems } from '../meetings/index.js';
import { getVersion, get as getDocument } from '../documents/index.js';
import {
	OUTCOMES,
	TYPES,
	VISIBILITIES,
	VOTINGS,
	isVote,
	type Vote
} from '../../decisions/model.js';
import { enteName, rowById, votingEnti, type Attachment } from './rows.js';

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
	voting: z.enum(VOTINGS, { message: 'Scegli consenso o votazione per ente' }),
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

export type Draft = ReturnType<typeof validate>;

export function validate(tavoloId: number, input: DraftInput, meetingId: number | null) {
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
			const known = enteName(enteId);
			errors.votes = `${known ?? `L’ente ${enteId}`} non è tra gli enti presenti: il suo voto non può essere registrato`;
			continue;
		}
		if (!isVote(vote)) {
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
export function resolvePicks(user: SessionUser, tavoloId: number, input: DraftInput): DraftInput {
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

export const alboSchema = z.object({
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
