import type { Actions, PageServerLoad } from './$types';
import { formAction } from '$lib/server/http/kit';
import { requireAdmin } from '$lib/server/http/admin';
import { create, list, update, ENTE_KINDS } from '$lib/server/enti';
import { REGIONS } from '$lib/server/tavoli/admin';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals, url);
	return { enti: list(), kinds: [...ENTE_KINDS], regions: REGIONS };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const user = requireAdmin(locals, url);
		return formAction(request, (v) => ({ ok: `Ente «${create(user, v).name}» creato` }), 'create');
	},
	update: async ({ request, locals, url }) => {
		const user = requireAdmin(locals, url);
		return formAction(
			request,
			(v) => ({ ok: `Ente «${update(user, Number(v.id), v).name}» aggiornato` }),
			'update'
		);
	}
};
