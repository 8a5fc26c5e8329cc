import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { formAction, guard } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import {
	deleteDraft,
	editDraft,
	fromForm,
	open,
	publish,
	read,
	setAlbo,
	votingEnti
} from '$lib/server/decisions';
import { translate, translator } from '$lib/i18n';

const MISSING = 'Decisione non trovata';

/** The decision of this tavolo, opened once for the load or action that asks. */
function ctx(locals: App.Locals, params: { slug: string; id: string }, url: URL) {
	const { user, tavolo } = tavoloFor(locals, params, url, 'tavolo.see');
	if (!/^\d{1,12}$/.test(params.id)) error(404, MISSING);
	const decision = guard(() => open(user, Number(params.id)));
	// Another tavolo's decision under this slug is the same 404 as a missing one.
	if (decision.row.tavoloId !== tavolo.id) error(404, MISSING);
	return { user, tavolo, decision };
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { tavolo, decision } = ctx(locals, params, url);
	const d = read(decision);
	const canRecord = decision.canRecord;
	// Whitelisted: linked decisions carry only id and number, and only when readable on their own.
	return {
		decision: {
			id: d.id,
			ref: d.ref,
			status: d.status,
			title: d.title,
			body: d.body,
			type: d.type,
			outcome: d.outcome,
			voting: d.voting,
			visibility: d.visibility,
			decidedOn: d.decidedOn,
			publishedAt: d.publishedAt,
			hash: d.hash,
			rettificaOf: d.rettificaOf ? { id: d.rettificaOf.id, ref: d.rettificaOf.ref } : null,
			rettificataDa: d.rettificataDa.map((r) => ({ id: r.id, ref: r.ref })),
			votes: d.votes,
			attachments: d.attachments,
			albo: d.albo
		},
		canRecord,
		enti: canRecord && d.status === 'bozza' ? votingEnti(tavolo.id, d.meetingId) : [],
		publicUrl:
			d.status === 'pubblicata' && d.visibility === 'pubblica' && tavolo.isPublic
				? `/registro/${tavolo.slug}/${d.year}/${d.number}`
				: null
	};
};

export const actions: Actions = {
	edit: async ({ request, locals, params, url }) => {
		const { user, decision } = ctx(locals, params, url);
		const t = translator(locals.locale);
		return formAction(
			request,
			(v) => (editDraft(user, decision, fromForm(v)), { ok: t('dec.saved') }),
			'edit'
		);
	},
	publish: async ({ request, locals, params, url }) => {
		const { user, decision } = ctx(locals, params, url);
		return formAction(
			request,
			async () => {
				const r = await publish(user, decision);
				return { ok: translate(locals.locale, 'dec.published', { ref: r.ref }), ref: r.ref };
			},
			'publish'
		);
	},
	albo: async ({ request, locals, params, url }) => {
		const { user, decision } = ctx(locals, params, url);
		const t = translator(locals.locale);
		return formAction(
			request,
			(v) => (setAlbo(user, decision, v), { ok: t('dec.alboSaved') }),
			'albo'
		);
	},
	delete: async ({ request, locals, params, url }) => {
		const { user, tavolo, decision } = ctx(locals, params, url);
		const res = await formAction(
			request,
			() => (deleteDraft(user, decision), { deleted: true }),
			'delete'
		);
		if (res && 'deleted' in res) redirect(303, `/tavoli/${tavolo.slug}/decisioni`);
		return res;
	}
};
