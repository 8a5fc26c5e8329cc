import type { PageServerLoad } from './$types';
import { guard, requireUser } from '$lib/server/http/kit';
import { open } from '$lib/server/tavoli';
import { sections } from '$lib/server/plans';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { tavolo } = guard(() => open(user, params.slug, 'tavolo.read'));
	return { sections: guard(() => sections(user, tavolo.id)) };
};
