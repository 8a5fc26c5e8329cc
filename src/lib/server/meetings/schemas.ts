/** GET /api/riunioni/{id} as a zod schema: the source of its OpenAPI description and its test. */
import { z } from 'zod';
import {
	ATTENDANCE_STATUSES,
	MEETING_STATUSES,
	MINUTES_STATUSES,
	MODALITIES,
	RSVP_ANSWERS
} from '../../meetings/model.js';

const id = z.number().int();

export const MeetingJson = z.object({
	meeting: z.object({
		id,
		tavoloId: id,
		uid: z.string(),
		title: z.string(),
		startsAt: z.string(),
		endsAt: z.string(),
		modality: z.enum(MODALITIES),
		place: z.string(),
		videoUrl: z.string(),
		status: z.enum(MEETING_STATUSES),
		statusReason: z.string(),
		sequence: z.number().int(),
		version: z.number().int(),
		convenedAt: z.string().nullable(),
		updatedAt: z.string()
	}),
	agenda: z.array(
		z.object({
			id,
			meetingId: id,
			position: z.number().int(),
			title: z.string(),
			description: z.string(),
			proposingEnteId: id.nullable(),
			proposingEnteName: z.string().nullable(),
			durationMinutes: z.number().int().nullable(),
			documentIds: z.array(z.string()),
			documents: z.array(z.object({ id: z.string(), title: z.string() }))
		})
	),
	byEnte: z.array(
		z.object({
			enteId: id,
			enteName: z.string(),
			represented: z.boolean(),
			people: z.array(
				z.object({
					userId: id,
					name: z.string(),
					role: z.string(),
					representation: z.string().nullable(),
					answer: z.enum(RSVP_ANSWERS).nullable(),
					attendance: z.enum(ATTENDANCE_STATUSES).nullable()
				})
			)
		})
	),
	quorum: z.object({
		rule: z.string(),
		total: z.number().int(),
		required: z.number().int(),
		present: z.number().int(),
		reached: z.boolean(),
		presentEnti: z.array(z.object({ id, name: z.string() }))
	}),
	minutes: z.array(
		z.object({
			id,
			meetingId: id,
			documentId: z.string(),
			status: z.enum(MINUTES_STATUSES),
			deadline: z.string().nullable(),
			contentHash: z.string().nullable(),
			frozenAt: z.string().nullable(),
			approvedAt: z.string().nullable(),
			correctsId: id.nullable(),
			correctedById: id.nullable(),
			createdAt: z.string(),
			editorUrl: z.string(),
			text: z.string().describe('Testo del verbale')
		})
	)
});
