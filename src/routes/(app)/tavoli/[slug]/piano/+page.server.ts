import type { Actions } from './$types';
import { formAction, guard, requireUser } from '$lib/server/http/kit';
import { open } from '$lib/server/tavoli';
import { createPlan } from '$lib/server/plans';

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		const user = requireUser(locals, url);
		const { tavolo } = guard(() => open(user, params.slug, 'tavolo.read'));
		return formAction(request, (v) => {
			createPlan(user, tavolo.id, v.title);
			return { ok: 'Piano creato' };
		}, 'create');
	}
};
