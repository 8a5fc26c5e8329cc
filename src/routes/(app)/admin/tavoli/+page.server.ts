import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction } from '$lib/server/http/kit';
import { requireAdmin } from '$lib/server/http/admin';
import { createTavolo, listAll, REGIONS } from '$lib/server/tavoli/admin';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireAdmin(locals, url);
	return { tavoli: listAll(user), regions: REGIONS };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const user = requireAdmin(locals, url);
		let id = 0;
		const result = await formAction(request, (v) => {
			id = createTavolo(user, v).id;
		});
		if (id) redirect(303, `/admin/tavoli/${id}`);
		return result;
	}
};
