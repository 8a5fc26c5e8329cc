import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/http/kit';
import { crossTavolo } from '$lib/server/plans';

// Only tavoli this user may read are counted (crossTavolo uses readableTavoloIds).
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { cross: crossTavolo(user) };
};
