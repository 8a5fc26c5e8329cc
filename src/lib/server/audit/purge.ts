import { db } from '../db/index.js';
import { record } from './record.js';

/** How long the log keeps a row (days); two years by default, as docs/privacy.md states. */
export const AUDIT_RETENTION_DAYS = Math.max(1, Number(process.env.AUDIT_RETENTION_DAYS) || 730);

/**
 * The one way a row leaves the log (ADR 014): the purge arms `audit_purge` with its cutoff inside
 * its own transaction, deletes what is older, disarms it and records that it ran, all before the
 * commit, so no other statement ever finds the table deletable.
 */
export function purgeAudit(now = Date.now(), days = AUDIT_RETENTION_DAYS): number {
	const cutoff = new Date(now - days * 86_400_000).toISOString();
	const d = db();
	return d.transaction(() => {
		d.prepare('INSERT INTO audit_purge (id, cutoff) VALUES (1, ?)').run(cutoff);
		const n = d.prepare('DELETE FROM audit_log WHERE at < ?').run(cutoff).changes;
		d.prepare('DELETE FROM audit_purge').run();
		if (n > 0) record(d, { actor: null, action: 'audit.purged', detail: { rows: n, cutoff } });
		return n;
	})();
}
