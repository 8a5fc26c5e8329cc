/**
 * Retention (GDPR art. 5(1)(e), storage limitation): what Raccordo deletes by itself, and when.
 * The periods are stated in docs/privacy.md; change both together. Run at start-up and daily.
 */
import { db } from '../db/index.js';
import { purgeExpiredSessions } from '../auth/session.js';
import { purgeAudit } from '../audit/index.js';

const DAY = 24 * 60 * 60 * 1000;

export const RETENTION = {
	/** A notification is a reminder, not a record: the record is the meeting or decision itself. */
	notificationsDays: Number(process.env.RETENTION_NOTIFICATIONS_DAYS || 180),
	/** Accessibility reports: long enough to answer and to cover the next yearly statement. */
	accessibilityReportsDays: Number(process.env.RETENTION_A11Y_REPORTS_DAYS || 730)
};

export function purgeExpired(now = Date.now()): {
	sessions: number;
	notifications: number;
	accessibilityReports: number;
	auditRows: number;
} {
	const before = (days: number) => new Date(now - days * DAY).toISOString();
	return {
		sessions: purgeExpiredSessions(),
		notifications: db()
			.prepare('DELETE FROM notifications WHERE created_at < ?')
			.run(before(RETENTION.notificationsDays)).changes,
		accessibilityReports: db()
			.prepare('DELETE FROM accessibility_reports WHERE created_at < ?')
			.run(before(RETENTION.accessibilityReportsDays)).changes,
		// AUDIT_RETENTION_DAYS (default 730); the purge is the log's one deliberate delete (ADR 014).
		auditRows: purgeAudit(now)
	};
}

const KEY = Symbol.for('raccordo.retention');
type G = typeof globalThis & { [KEY]?: NodeJS.Timeout };

/** Purges now and then once a day; the timer never keeps the process alive. */
export function startRetention(): void {
	const g = globalThis as G;
	if (g[KEY]) return;
	const run = () => {
		try {
			const n = purgeExpired();
			if (n.sessions + n.notifications + n.accessibilityReports + n.auditRows > 0)
				console.log(
					`[raccordo] Conservazione: eliminate ${n.sessions} sessioni scadute, ${n.notifications} notifiche, ${n.accessibilityReports} segnalazioni, ${n.auditRows} righe del registro attività oltre il periodo.`
				);
		} catch (e) {
			console.error('[raccordo] pulizia dei dati scaduti non riuscita:', e);
		}
	};
	run();
	g[KEY] = setInterval(run, DAY);
	g[KEY].unref();
}
