/**
 * The audit log (issue 11, Operations): who did what, when, from which tavolo. `record` writes one
 * row on the handle of the caller's open transaction, so a change that rolls back leaves no row
 * and a change that commits always has one; `audited` is that transaction for a verb that had none.
 * The table is append-only (migration 009 triggers); rows leave only through `purgeAudit`.
 */
export { record, audited, recordExport, type Actor, type AuditEntry } from './record.js';
export { withRequest } from './context.js';
export { truncateIp } from './ip.js';
export {
	listAuditUnchecked,
	auditActors,
	parseAuditFilters,
	type AuditRow,
	type AuditFilters
} from './read.js';
export { purgeAudit, AUDIT_RETENTION_DAYS } from './purge.js';
