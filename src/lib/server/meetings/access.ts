/**
 * Open once, check once: `open(user, meetingId)` loads the meeting and the viewer's membership of
 * its tavolo, asks the policy, and hands back an aggregate the verbs and reads accept, so one
 * click no longer reloads the meeting and re-queries the membership for every check.
 */
import type { SessionUser } from '../auth/session.js';
import {
	assertDecided,
	assertFound,
	decide,
	membershipOf,
	type Action,
	type Membership
} from '../policy/index.js';
import { NotFoundError } from '../errors.js';
import { meetingRow, type Meeting } from './rows.js';

export interface OpenMeeting {
	readonly user: SessionUser | null;
	readonly meeting: Meeting;
	readonly membership: Membership | null;
	readonly canManage: boolean;
	readonly canRsvp: boolean;
}

/** A verb's target: a meeting id, or a meeting this same user has already opened. */
export type MeetingRef = number | OpenMeeting;

const notFound = () => new NotFoundError('Riunione non trovata');

/** The meeting as this user may read it; to anyone else it does not exist (the same 404). */
export function open(user: SessionUser | null, meetingId: number): OpenMeeting {
	if (!Number.isInteger(meetingId) || meetingId <= 0) throw notFound();
	const meeting = meetingRow(meetingId);
	const membership = membershipOf(user?.id, meeting.tavoloId);
	const target = { tavoloId: meeting.tavoloId };
	// Ids are sequential: hidden and missing must answer alike (no counting another tavolo's meetings).
	assertFound(user, membership, 'meeting.read', target, notFound);
	const allowed = (a: Action) => decide(user, membership, a, target);
	const canManage = allowed('meeting.manage');
	// A bozza is the segreteria's work in progress: others do not learn it exists.
	if (meeting.status === 'bozza' && !canManage) throw notFound();
	return { user, meeting, membership, canManage, canRsvp: allowed('meeting.rsvp') };
}

/**
 * The opened meeting for `ref`. An aggregate opened for someone else is opened again for this
 * user: it carries that person's rights, never this one's.
 */
export function resolve(user: SessionUser | null, ref: MeetingRef): OpenMeeting {
	if (typeof ref === 'number') return open(user, ref);
	if ((ref.user?.id ?? null) !== (user?.id ?? null)) return open(user, ref.meeting.id);
	return ref;
}

/** As resolve, for the segreteria's verbs (403 for the others who may read it). */
export function resolveManaged(user: SessionUser, ref: MeetingRef): OpenMeeting {
	const o = resolve(user, ref);
	assertDecided(user, o.membership, 'meeting.manage', { tavoloId: o.meeting.tavoloId });
	return o;
}

/** The same aggregate after a write, with the meeting row read again (rights do not change). */
export function refreshed(o: OpenMeeting): OpenMeeting {
	return { ...o, meeting: meetingRow(o.meeting.id) };
}
