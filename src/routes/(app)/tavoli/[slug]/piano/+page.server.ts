import type { Actions, PageServerLoad } from './$types';
import { formAction, guard, requireUser } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { open } from '$lib/server/tavoli';
import { candidateDocuments, createPlan } from '$lib/server/plans';

export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	const { user, tavolo } = tavoloFor(locals, params, url);
	const { plan, canConfigure } = await parent();
	return {
		candidates: !plan && canConfigure ? guard(() => candidateDocuments(user, tavolo.id)) : []
	};
};

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		const user = requireUser(locals, url);
		const { tavolo } = guard(() => open(user, params.slug, 'tavolo.read'));
		return formAction(
			request,
			(v) => {
				createPlan(user, tavolo.id, { title: v.title, documentId: v.documentId });
				return { ok: 'Piano creato' };
			},
			'create'
		);
	}
};
