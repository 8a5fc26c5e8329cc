import { db } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { emitToUser } from '../realtime/index.js';
import { sendMail, type Mail } from '../mail/index.js';
import type { Notification } from '../../notifications.js';

export interface NotificationInput {
	kind: string; // e.g. 'riunione.convocata', 'verbale.da_approvare', 'decisione.pubblicata'
	tavoloId?: number | null;
	title: string;
	body?: string;
	url?: string | null;
	/** Also e-mail the recipients (when SMTP is configured), with these extras. */
	email?: { subject?: string; text?: string; attachments?: Mail['attachments'] } | false;
}

export type { Notification };

const COLUMNS = `id, kind, tavolo_id AS tavoloId, title, body, url, created_at AS createdAt, read_at AS readAt`;

/**
 * Stores one notification per recipient, pushes it live to their open tabs and, when asked and
 * SMTP is configured, e-mails it. The e-mail goes out after the rows are committed and never
 * makes the caller fail.
 */
export async function notify(userIds: Iterable<number>, n: NotificationInput): Promise<void> {
	const ids = [...new Set(userIds)];
	if (ids.length === 0) return;
	const insert = db().prepare(
		`INSERT INTO notifications (user_id, tavolo_id, kind, title, body, url) VALUES (?, ?, ?, ?, ?, ?)
		 RETURNING ${COLUMNS}`
	);
	const rows = db().transaction(() =>
		ids.map((uid) => ({
			uid,
			row: insert.get(
				uid,
				n.tavoloId ?? null,
				n.kind,
				n.title,
				n.body ?? '',
				n.url ?? null
			) as Notification
		}))
	)();
	for (const { uid, row } of rows)
		emitToUser(uid, 'notification', { notification: row, unread: unreadCountOf(uid) });
	if (n.email !== false && n.email !== undefined) {
		const emails = db()
			.prepare(`SELECT email FROM users WHERE id IN (${ids.map(() => '?').join(',')})`)
			.all(...ids) as { email: string }[];
		await sendMail({
			to: emails.map((e) => e.email),
			subject: n.email.subject ?? `[Raccordo] ${n.title}`,
			text: n.email.text ?? [n.title, n.body ?? '', n.url ? `\n${n.url}` : ''].join('\n'),
			attachments: n.email.attachments
		});
	}
}

function unreadCountOf(userId: number): number {
	return (
		db()
			.prepare('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL')
			.get(userId) as { n: number }
	).n;
}

export function unreadCount(user: SessionUser): number {
	return unreadCountOf(user.id);
}

export function list(user: SessionUser, limit = 50): Notification[] {
	return db()
		.prepare(`SELECT ${COLUMNS} FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?`)
		.all(user.id, Math.min(Math.max(limit, 1), 200)) as Notification[];
}

/** Marks the user's own notifications read (ids, or all); others' ids are silently ignored. */
export function markRead(user: SessionUser, ids: number[] | 'all'): number {
	const t = new Date().toISOString();
	if (ids === 'all')
		return db()
			.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL')
			.run(t, user.id).changes;
	const clean = ids.filter((i) => Number.isInteger(i) && i > 0).slice(0, 500);
	if (clean.length === 0) return 0;
	return db()
		.prepare(
			`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN (${clean.map(() => '?').join(',')})`
		)
		.run(t, user.id, ...clean).changes;
}
