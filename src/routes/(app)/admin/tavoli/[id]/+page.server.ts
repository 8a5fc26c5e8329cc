import type { Actions, PageServerLoad } from './$types';
import { formAction, guard } from '$lib/server/http/kit';
import { requireAdmin } from '$lib/server/http/admin';
import { appointSegreteria, REGIONS, updateTavolo } from '$lib/server/tavoli/admin';
import { byId, members } from '$lib/server/tavoli';
import { list as listEnti } from '$lib/server/enti';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const user = requireAdmin(locals, url);
	const tavolo = guard(() => byId(Number(params.id)));
	return {
		tavolo,
		segreteria: members(user, tavolo.id)
			.filter((m) => m.role === 'segreteria')
			.map((m) => ({ name: m.name, email: m.email, enteName: m.enteName })),
		enti: listEnti().map((e) => ({ id: e.id, name: e.name })),
		regions: REGIONS
	};
};

export const actions: Actions = {
	update: async ({ request, locals, url, params }) => {
		const user = requireAdmin(locals, url);
		return formAction(
			request,
			(v) => {
				updateTavolo(user, Number(params.id), v);
				return { ok: 'Tavolo aggiornato' };
			},
			'update'
		);
	},
	appoint: async ({ request, locals, url, params }) => {
		const user = requireAdmin(locals, url);
		return formAction(
			request,
			(v) => {
				appointSegreteria(user, Number(params.id), v);
				return { ok: 'Segreteria nominata' };
			},
			'appoint'
		);
	}
};
