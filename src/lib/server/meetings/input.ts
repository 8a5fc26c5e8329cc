/**
 * What the segreteria types, validated with zod into the shapes the verbs store, with Italian
 * field messages (ADR 002: server messages stay Italian).
 */
import { z } from 'zod';
import { ConflictError, fromZod, ValidationError } from '../errors.js';
import { romeParts, romeToUtc } from '../../rome.js';
import { MODALITIES } from '../../meetings/model.js';
import { documentInTavolo, enteInTavolo, type Meeting } from './rows.js';

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

/** What the create, edit and reschedule forms set of a meeting. */
export type MeetingInput = Pick<
	Meeting,
	'title' | 'startsAt' | 'endsAt' | 'modality' | 'place' | 'videoUrl'
>;

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

/** Optimistic concurrency: a form carries the version it was read at (absent = no check). */
export function checkVersion(m: Meeting, version: unknown): void {
	const v = Number(version);
	if (version === undefined || version === null || version === '') return;
	if (!Number.isInteger(v) || v !== m.version)
		throw new ConflictError(
			'Un’altra persona della segreteria ha modificato questa riunione mentre la stavi modificando. ' +
				'I tuoi valori sono rimasti nel modulo: ricarica la pagina per vedere la versione attuale e riapplica le modifiche.'
		);
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

export function parseAgenda(tavoloId: number, input: Record<string, unknown>) {
	const parsed = agendaInput.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error);
	const v = parsed.data;
	if (v.proposingEnteId && !enteInTavolo(tavoloId, v.proposingEnteId))
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
	if (docs.some((id) => !documentInTavolo(id, tavoloId)))
		throw new ValidationError({ documentIds: 'Puoi collegare solo documenti di questo tavolo' });
	return { ...v, documentIds: JSON.stringify(docs) };
}
