import type { PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/http/kit';
import { decide } from '$lib/server/policy';
import { open, membersByEnte } from '$lib/server/tavoli';
import { awaitingMe, upcoming } from '$lib/server/meetings';

export const load: PageServerLoad = ({ locals, params }) => {
	const { tavolo, membership } = guard(() => open(locals.user, params.slug, 'tavolo.see'));
	// A signed-out visitor of a public tavolo gets its deliberate public scheda (ADR 016); the
	// workspace pages below send them to sign in. Hidden and unknown tavoli stay the same 404.
	if (!locals.user) redirect(303, `/registro/${encodeURIComponent(tavolo.slug)}`);
	const canRead = decide(locals.user, membership, 'tavolo.read', { tavoloId: tavolo.id });
	return {
		upcomingMeetings:
			canRead && locals.user
				? upcoming(locals.user, [tavolo.id], 5).map((m) => ({
						id: m.id,
						title: m.title,
						startsAt: m.startsAt,
						endsAt: m.endsAt,
						status: m.status,
						tavoloSlug: m.tavoloSlug
					}))
				: [],
		awaiting: canRead && locals.user ? awaitingMe(locals.user, tavolo.id) : [],
		overview: {
			description: tavolo.description,
			theme: tavolo.theme,
			quorumRule: tavolo.quorumRule
		},
		// Only readers learn who sits at the table; the public sees the description.
		enti: canRead
			? guard(() => membersByEnte(locals.user, tavolo.id)).map((g) => ({
					enteName: g.enteName,
					enteKind: g.enteKind,
					members: g.members.map((m) => ({
						userId: m.userId,
						name: m.name,
						role: m.role,
						representation: m.representation
					}))
				}))
			: []
	};
};
