import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { formAction, guard } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { can } from '$lib/server/policy';
import {
	deleteDraft,
	editDraft,
	fromForm,
	getDecision,
	publish,
	setAlbo,
	votingEnti
} from '$lib/server/decisions';

function ctx(locals: App.Locals, params: { slug: string; id: string }, url: URL) {
	const { user, tavolo } = tavoloFor(locals, params, url, 'tavolo.see');
	if (!/^\d{1,12}$/.test(params.id)) error(404, 'Decisione non trovata');
	const decision = guard(() => getDecision(user, Number(params.id)));
	if (decision.tavoloId !== tavolo.id) error(404, 'Decisione non trovata');
	return { user, tavolo, decision };
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, tavolo, decision } = ctx(locals, params, url);
	const canRecord = can(user, 'decision.record', { tavoloId: tavolo.id });
	return {
		decision,
		canRecord,
		enti: canRecord && decision.status === 'bozza' ? votingEnti(tavolo.id, decision.meetingId) : [],
		publicUrl:
			decision.status === 'pubblicata' && decision.visibility === 'pubblica' && tavolo.isPublic
				? `/registro/${tavolo.slug}/${decision.year}/${decision.number}`
				: null
	};
};

export const actions: Actions = {
	edit: async ({ request, locals, params, url }) => {
		const { user, decision } = ctx(locals, params, url);
		return formAction(
			request,
			(v) => (editDraft(user, decision.id, fromForm(v)), { ok: 'Bozza salvata' }),
			'edit'
		);
	},
	publish: async ({ request, locals, params, url }) => {
		const { user, decision } = ctx(locals, params, url);
		return formAction(
			request,
			async () => {
				const r = await publish(user, decision.id);
				return { ok: `Decisione pubblicata con il numero ${r.ref}`, ref: r.ref };
			},
			'publish'
		);
	},
	albo: async ({ request, locals, params, url }) => {
		const { user, decision } = ctx(locals, params, url);
		return formAction(
			request,
			(v) => (setAlbo(user, decision.id, v), { ok: 'Riferimento all’albo pretorio registrato' }),
			'albo'
		);
	},
	delete: async ({ request, locals, params, url }) => {
		const { user, tavolo, decision } = ctx(locals, params, url);
		const res = await formAction(
			request,
			() => (deleteDraft(user, decision.id), { deleted: true }),
			'delete'
		);
		if (res && 'deleted' in res) redirect(303, `/tavoli/${tavolo.slug}/decisioni`);
		return res;
	}
};
