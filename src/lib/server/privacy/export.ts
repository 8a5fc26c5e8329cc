/**
 * "Scarica i miei dati" (GDPR art. 15 access, art. 20 portability): everything Raccordo keeps
 * about the signed-in person, as one JSON document. Every query is scoped by `user.id` and there
 * is no parameter naming another person, so one can only ever export oneself.
 *
 * What others wrote that mentions the person (a verbale's text, an invitation sent to them by
 * e-mail) is not theirs to take; rows the person authored are listed by metadata (what, where,
 * when), since their content belongs to the tavolo's shared record.
 */
import { db } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';

export const EXPORT_SCHEMA = 'raccordo.i-miei-dati/1';

const all = (sql: string, ...args: unknown[]) =>
	db()
		.prepare(sql)
		.all(...args);
const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

export function exportMyData(user: SessionUser) {
	const id = user.id;
	const profile = db()
		.prepare(
			`SELECT id, email, name, is_admin AS isAdmin, locale, created_at AS createdAt FROM users WHERE id = ?`
		)
		.get(id) as { isAdmin: number } & Record<string, unknown>;
	const sessions = (
		all(
			// The token hash is a credential, not information about the person: left out.
			`SELECT created_at AS createdAt, expires_at AS expiresAt, absolute_expires_at AS absoluteExpiresAt
			 FROM sessions WHERE user_id = ? ORDER BY created_at`,
			id
		) as { createdAt: number; expiresAt: number; absoluteExpiresAt: number }[]
	).map((s) => ({
		createdAt: iso(s.createdAt),
		expiresAt: iso(s.expiresAt),
		absoluteExpiresAt: iso(s.absoluteExpiresAt)
	}));
	return {
		schema: EXPORT_SCHEMA,
		generatedAt: new Date().toISOString(),
		profile: { ...profile, isAdmin: !!profile.isAdmin },
		sessions,
		memberships: all(
			`SELECT t.slug AS tavolo, t.name AS tavoloName, e.name AS ente, m.role, m.representation,
			        m.created_at AS createdAt
			 FROM memberships m JOIN tavoli t ON t.id = m.tavolo_id JOIN enti e ON e.id = m.ente_id
			 WHERE m.user_id = ? ORDER BY m.id`,
			id
		),
		rsvps: all(
			`SELECT r.meeting_id AS meetingId, m.title AS meeting, t.slug AS tavolo, m.starts_at AS startsAt,
			        r.answer, r.answered_at AS answeredAt
			 FROM meeting_rsvps r JOIN meetings m ON m.id = r.meeting_id JOIN tavoli t ON t.id = m.tavolo_id
			 WHERE r.user_id = ? ORDER BY r.answered_at`,
			id
		),
		attendance: all(
			`SELECT a.meeting_id AS meetingId, m.title AS meeting, a.status, a.recorded_at AS recordedAt
			 FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id
			 WHERE a.user_id = ? ORDER BY a.recorded_at`,
			id
		),
		notifications: all(
			`SELECT id, kind, title, body, url, created_at AS createdAt, read_at AS readAt
			 FROM notifications WHERE user_id = ? ORDER BY id`,
			id
		),
		follows: all(
			`SELECT t.slug AS tavolo, f.created_at AS createdAt FROM decision_follows f
			 JOIN tavoli t ON t.id = f.tavolo_id WHERE f.user_id = ?`,
			id
		),
		calendarFeeds: all(
			`SELECT f.created_at AS createdAt, f.revoked_at AS revokedAt, t.slug AS tavolo
			 FROM calendar_feeds f LEFT JOIN tavoli t ON t.id = f.tavolo_id WHERE f.user_id = ?`,
			id
		),
		accessibilityReports: all(
			`SELECT id, name, email, page_url AS pageUrl, message, created_at AS createdAt
			 FROM accessibility_reports WHERE user_id = ? ORDER BY id`,
			id
		),
		authored: {
			documents: all(
				`SELECT d.id, d.kind, d.title, t.slug AS tavolo, d.created_at AS createdAt
				 FROM documents d JOIN tavoli t ON t.id = d.tavolo_id WHERE d.created_by = ? ORDER BY d.created_at`,
				id
			),
			documentVersions: all(
				`SELECT v.id, v.document_id AS documentId, v.name, v.created_at AS createdAt
				 FROM document_versions v WHERE v.author_id = ? ORDER BY v.id`,
				id
			),
			documentsFrozen: all(
				`SELECT id, title, frozen_at AS frozenAt FROM documents WHERE frozen_by = ? ORDER BY frozen_at`,
				id
			),
			meetings: all(
				`SELECT m.id, m.title, t.slug AS tavolo, m.created_at AS createdAt
				 FROM meetings m JOIN tavoli t ON t.id = m.tavolo_id WHERE m.created_by = ? ORDER BY m.id`,
				id
			),
			minutes: all(
				`SELECT id, meeting_id AS meetingId, status, created_at AS createdAt
				 FROM meeting_minutes WHERE created_by = ? ORDER BY id`,
				id
			),
			attendanceRecorded: (
				all(`SELECT COUNT(*) AS n FROM meeting_attendance WHERE recorded_by = ?`, id)[0] as {
					n: number;
				}
			).n,
			decisions: all(
				`SELECT d.id, d.title, d.status, t.slug AS tavolo, d.created_at AS createdAt,
				        CASE WHEN d.published_by = ? THEN d.published_at END AS publishedAt
				 FROM decisions d JOIN tavoli t ON t.id = d.tavolo_id
				 WHERE d.created_by = ? OR d.published_by = ? ORDER BY d.id`,
				id,
				id,
				id
			),
			alboRecords: all(
				`SELECT decision_id AS decisionId, recorded_at AS recordedAt FROM decision_albo WHERE recorded_by = ?`,
				id
			),
			// Who was invited is the invitee's data: only that an invitation was sent, where and when.
			invitationsSent: (
				all(
					`SELECT i.id, t.slug AS tavolo, i.role, i.created_at AS createdAt, i.used_at AS usedAt,
					        i.revoked_at AS revokedAt
					 FROM invitations i JOIN tavoli t ON t.id = i.tavolo_id WHERE i.invited_by = ? ORDER BY i.id`,
					id
				) as { createdAt: number; usedAt: number | null; revokedAt: number | null }[]
			).map((i) => ({
				...i,
				createdAt: iso(i.createdAt),
				usedAt: iso(i.usedAt),
				revokedAt: iso(i.revokedAt)
			}))
		}
	};
}
