/** Every action the audit log records; labels are i18n keys `audit.action.<action>`. */
export const AUDIT_ACTIONS = [
	'auth.signed_in',
	'auth.signed_out',
	'auth.password_changed',
	'ente.created',
	'ente.updated',
	'tavolo.created',
	'tavolo.updated',
	'segreteria.appointed',
	'settings.updated',
	'membership.added',
	'membership.updated',
	'membership.removed',
	'invitation.created',
	'invitation.accepted',
	'invitation.revoked',
	'meeting.scheduled',
	'meeting.convened',
	'meeting.updated',
	'meeting.rescheduled',
	'meeting.cancelled',
	'meeting.held',
	'attendance.recorded',
	'minutes.created',
	'minutes.circulated',
	'minutes.approved',
	'minutes.corrected',
	'decision.drafted',
	'decision.edited',
	'decision.deleted',
	'decision.published',
	'decision.rettifica',
	'decision.albo',
	'document.frozen',
	'document.restored',
	'document.archived',
	'plan.option_added',
	'plan.option_renamed',
	'plan.option_removed',
	'plan.exported',
	'audit.exported',
	'audit.purged'
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(v: unknown): v is AuditAction {
	return typeof v === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(v);
}
