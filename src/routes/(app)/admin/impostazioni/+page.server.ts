import type { Actions, PageServerLoad } from './$types';
import { formAction } from '$lib/server/http/kit';
import { requireAdmin } from '$lib/server/http/admin';
import { getSettings, updateSettings } from '$lib/server/settings';
import { listReports } from '$lib/server/feedback';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireAdmin(locals, url);
	return { settings: getSettings(), reports: listReports(user) };
};

export const actions: Actions = {
	save: async ({ request, locals, url }) => {
		const user = requireAdmin(locals, url);
		return formAction(request, (v) => (updateSettings(user, v), { ok: true as const }), 'save');
	}
};
