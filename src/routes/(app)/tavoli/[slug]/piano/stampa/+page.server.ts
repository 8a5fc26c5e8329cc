import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { sections } from '$lib/server/plans';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, tavolo } = tavoloFor(locals, params, url);
	return { sections: guard(() => sections(user, tavolo.id)) };
};
