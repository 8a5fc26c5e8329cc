import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/http/kit';
import { listMine } from '$lib/server/tavoli';
import { awaitingMe, upcoming } from '$lib/server/meetings';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return {
		upcomingMeetings: upcoming(user, undefined, 5).map((m) => ({
			id: m.id,
			title: m.title,
			startsAt: m.startsAt,
			endsAt: m.endsAt,
			status: m.status,
			tavoloSlug: m.tavoloSlug,
			tavoloName: m.tavoloName
		})),
		awaiting: awaitingMe(user),
		tavoli: listMine(user).map((t) => ({
			slug: t.slug,
			name: t.name,
			region: t.region,
			status: t.status,
			role: t.role,
			representation: t.representation,
			enteName: t.enteName
		}))
	};
};
