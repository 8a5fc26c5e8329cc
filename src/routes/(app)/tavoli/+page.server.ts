import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/http/kit';
import { listMine } from '$lib/server/tavoli';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return {
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
