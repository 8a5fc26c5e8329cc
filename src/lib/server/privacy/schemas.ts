/**
 * "Scarica i miei dati" as a zod schema. The per-table lists are described by their row keys
 * loosely (extra columns allowed): the contract is the sections and their types.
 */
import { z } from 'zod';

const rows = z.array(z.record(z.string(), z.unknown()));

export const MyData = z.object({
	schema: z.literal('raccordo.i-miei-dati/1'),
	generatedAt: z.iso.datetime(),
	profile: z.looseObject({
		id: z.number().int(),
		email: z.string(),
		name: z.string(),
		isAdmin: z.boolean()
	}),
	sessions: z.array(
		z.object({
			createdAt: z.string().nullable(),
			expiresAt: z.string().nullable(),
			absoluteExpiresAt: z.string().nullable()
		})
	),
	memberships: rows,
	rsvps: rows,
	attendance: rows,
	notifications: rows,
	follows: rows,
	calendarFeeds: rows,
	accessibilityReports: rows,
	authored: z.object({
		documents: rows,
		documentVersions: rows,
		documentsFrozen: rows,
		meetings: rows,
		minutes: rows,
		attendanceRecorded: z.number().int(),
		decisions: rows,
		alboRecords: rows,
		invitationsSent: rows
	})
});
