/**
 * Answers to a convocation, per ente. Representation is per ente: a titolare may delegate their
 * ente's supplente, and the ente counts as represented when a componente comes or the supplente
 * stands in for a titolare who delegated.
 */
import { db, now } from '../db/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertDecided } from '../policy/index.js';
import { ValidationError } from '../errors.js';
import { isLive, RSVP_ANSWERS, type RsvpAnswer } from '../../meetings/model.js';
import { hasSupplente, peopleRows, rsvpOf, type Person } from './rows.js';
import { resolve, type MeetingRef } from './access.js';
import { announceRsvp, statusLabel } from './notify.js';

export interface EnteRsvp {
	enteId: number;
	enteName: string;
	/** Someone who represents the ente said they come (or a titolare delegated the supplente). */
	represented: boolean;
	people: Person[];
}

/** The rule, apart from storage: whether an ente's answers mean it will be represented. */
export function isRepresented(
	people: Pick<Person, 'role' | 'representation' | 'answer'>[]
): boolean {
	const comps = people.filter((p) => p.role === 'componente');
	const delegated =
		comps.some((p) => p.answer === 'delego') &&
		comps.some((p) => p.representation === 'supplente' && p.answer !== 'non_partecipo');
	return comps.some((p) => p.answer === 'partecipo') || delegated;
}

/** Only a titolare delegates, and only to a supplente of the same ente. */
export function mayDelegate(
	membership: { role: string; representation: string | null } | null
): boolean {
	return membership?.role === 'componente' && membership.representation === 'titolare';
}

export async function rsvp(user: SessionUser, ref: MeetingRef, answer: unknown): Promise<void> {
	const { meeting: m, membership } = resolve(user, ref);
	if (!membership)
		throw new ValidationError({ answer: 'Non sei tra le persone convocate a questa riunione' });
	assertDecided(user, membership, 'meeting.rsvp', { tavoloId: m.tavoloId });
	if (!(RSVP_ANSWERS as readonly string[]).includes(String(answer)))
		throw new ValidationError({ answer: 'Scegli partecipo, non partecipo o delego' });
	if (!isLive(m.status))
		throw new ValidationError({
			answer:
				m.status === 'bozza'
					? 'La riunione non è ancora stata convocata'
					: `La riunione è ${statusLabel(m.status)}: non si risponde più alla convocazione`
		});
	if (new Date(m.startsAt).getTime() <= Date.now())
		throw new ValidationError({
			answer: 'La riunione è già iniziata: non si risponde più alla convocazione'
		});
	if (answer === 'delego') {
		if (!mayDelegate(membership))
			throw new ValidationError({
				answer: 'Solo il titolare può delegare il supplente del suo ente'
			});
		if (!hasSupplente(m.tavoloId, membership.enteId))
			throw new ValidationError({ answer: 'Il tuo ente non ha un supplente a cui delegare' });
	}
	db()
		.prepare(
			`INSERT INTO meeting_rsvps (meeting_id, user_id, answer, answered_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT (meeting_id, user_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at`
		)
		.run(m.id, user.id, answer, now());
	announceRsvp(m, user.id);
}

export function myRsvp(user: SessionUser, ref: MeetingRef): RsvpAnswer | null {
	return rsvpOf(typeof ref === 'number' ? ref : ref.meeting.id, user.id);
}

/** Per ente: who is invited, their answer and attendance; whether the ente will be represented. */
export function byEnte(user: SessionUser | null, ref: MeetingRef): EnteRsvp[] {
	const { meeting: m } = resolve(user, ref);
	const groups = new Map<number, EnteRsvp>();
	for (const { enteId, enteName, ...person } of peopleRows(m.id, m.tavoloId)) {
		let g = groups.get(enteId);
		if (!g) groups.set(enteId, (g = { enteId, enteName, represented: false, people: [] }));
		g.people.push(person);
	}
	for (const g of groups.values()) g.represented = isRepresented(g.people);
	return [...groups.values()];
}
