import type { Actions, PageServerLoad } from './$types';
import { formAction, guard } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { assertCan } from '$lib/server/policy';
import { addOption, removeOption, renameOption } from '$lib/server/plans';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, tavolo } = tavoloFor(locals, params, url);
	guard(() => assertCan(user, 'plan.configure', { tavoloId: tavolo.id }));
	return {};
};

export const actions: Actions = {
	add: async ({ request, locals, params, url }) => {
		const { user, tavolo } = tavoloFor(locals, params, url);
		return formAction(
			request,
			(v) => {
				addOption(user, tavolo.id, v);
				return { ok: 'Voce aggiunta' };
			},
			'add'
		);
	},
	rename: async ({ request, locals, params, url }) => {
		const { user, tavolo } = tavoloFor(locals, params, url);
		return formAction(
			request,
			(v) => {
				renameOption(user, tavolo.id, Number(v.id), v.label);
				return { ok: 'Voce aggiornata' };
			},
			`rename-${(await request.clone().formData()).get('id')}`
		);
	},
	remove: async ({ request, locals, params, url }) => {
		const { user, tavolo } = tavoloFor(locals, params, url);
		return formAction(
			request,
			(v) => {
				removeOption(user, tavolo.id, Number(v.id));
				return { ok: 'Voce eliminata' };
			},
			'remove'
		);
	}
};
