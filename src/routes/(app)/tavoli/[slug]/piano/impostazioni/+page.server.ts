import type { Actions, PageServerLoad } from './$types';
import { formAction, guard, requireUser } from '$lib/server/http/kit';
import { open } from '$lib/server/tavoli';
import { assertCan } from '$lib/server/policy';
import { addOption, removeOption, renameOption } from '$lib/server/plans';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { tavolo } = guard(() => open(user, params.slug, 'tavolo.read'));
	guard(() => assertCan(user, 'plan.configure', { tavoloId: tavolo.id }));
	return {};
};

function ctx(locals: App.Locals, params: { slug: string }, url: URL) {
	const user = requireUser(locals, url);
	const { tavolo } = guard(() => open(user, params.slug, 'tavolo.read'));
	return { user, tavolo };
}

export const actions: Actions = {
	add: async ({ request, locals, params, url }) => {
		const { user, tavolo } = ctx(locals, params, url);
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
		const { user, tavolo } = ctx(locals, params, url);
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
		const { user, tavolo } = ctx(locals, params, url);
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
