import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { formAction, guard, requireUser } from '$lib/server/http/kit';
import { open } from '$lib/server/tavoli';
import { assertCan } from '$lib/server/policy';
import { fromForm, getDecision, recordDraft, votingEnti } from '$lib/server/decisions';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { tavolo } = guard(() => open(user, params.slug, 'tavolo.read'));
	guard(() => assertCan(user, 'decision.record', { tavoloId: tavolo.id }));
	const r = url.searchParams.get('rettifica');
	let rettifica = null;
	if (r) {
		const d = guard(() => getDecision(user, Number(r)));
		if (d.tavoloId !== tavolo.id || d.status !== 'pubblicata') error(404, 'Si rettifica solo una decisione pubblicata di questo tavolo');
		rettifica = { id: d.id, ref: d.ref, title: d.title, type: d.type, visibility: d.visibility };
	}
	return { enti: votingEnti(tavolo.id), rettifica };
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const user = requireUser(locals, url);
		const { tavolo } = guard(() => open(user, params.slug, 'tavolo.read'));
		const res = await formAction(request, (v) => ({ id: recordDraft(user, tavolo.id, fromForm(v)) }), 'record');
		if (res && 'id' in res) redirect(303, `/tavoli/${tavolo.slug}/decisioni/${res.id}`);
		return res;
	}
};
