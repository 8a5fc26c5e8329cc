import type { Actions, PageServerLoad } from './$types';
import { formAction, guard, requireUser } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { open } from '$lib/server/tavoli';
import { ValidationError } from '$lib/server/errors';
import {
	follow,
	isFollowing,
	isOutcome,
	isType,
	listForTavolo,
	unfollow,
	yearsOf,
	type ListFilters
} from '$lib/server/decisions';
import { DECISIONS_LIST } from '$lib/decisions/live';
import { can } from '$lib/server/policy';
import { translate } from '$lib/i18n';

function filters(params: URLSearchParams): ListFilters {
	const f: ListFilters = {};
	for (const [k, v] of params) {
		if (!v) continue;
		if (k === 'anno') {
			if (!/^\d{4}$/.test(v)) throw new ValidationError({ anno: `Anno non valido: «${v}»` });
			f.year = Number(v);
		} else if (k === 'tipo') {
			if (!isType(v)) throw new ValidationError({ tipo: `Tipo non valido: «${v}»` });
			f.type = v as ListFilters['type'];
		} else if (k === 'esito') {
			if (!isOutcome(v)) throw new ValidationError({ esito: `Esito non valido: «${v}»` });
			f.outcome = v as ListFilters['outcome'];
		} else if (k === 'stato') {
			if (v !== 'bozza' && v !== 'pubblicata')
				throw new ValidationError({ stato: `Stato non valido: «${v}»` });
			f.status = v;
		} else if (k === 'q') {
			if (v.length > 200) throw new ValidationError({ q: 'Testo di ricerca troppo lungo' });
			f.q = v;
		} else
			throw new ValidationError({
				[k]: `Filtro sconosciuto «${k}»: usa anno, tipo, esito, stato, q`
			});
	}
	return f;
}

export const load: PageServerLoad = ({ locals, params, url, depends }) => {
	depends(DECISIONS_LIST);
	const { user, tavolo } = tavoloFor(locals, params, url, 'tavolo.see');
	const f = guard(() => filters(url.searchParams));
	const list = guard(() => listForTavolo(user, tavolo.id, f));
	return {
		filters: {
			anno: f.year ? String(f.year) : '',
			tipo: f.type ?? '',
			esito: f.outcome ?? '',
			stato: f.status ?? '',
			q: f.q ?? ''
		},
		years: yearsOf(tavolo.id),
		following: isFollowing(user, tavolo.id),
		canFollow: can(user, 'decision.follow', { tavoloId: tavolo.id, isPublic: tavolo.isPublic }),
		canRecord: can(user, 'decision.record', { tavoloId: tavolo.id }),
		decisions: list.map((d) => ({
			id: d.id,
			ref: d.ref,
			title: d.title,
			type: d.type,
			outcome: d.outcome,
			visibility: d.visibility,
			status: d.status,
			decidedOn: d.decidedOn,
			rettificaOf: d.rettificaOf?.ref ?? null
		}))
	};
};

export const actions: Actions = {
	follow: async ({ request, locals, params, url }) => {
		const user = requireUser(locals, url);
		const { tavolo } = guard(() => open(user, params.slug, 'tavolo.see'));
		return formAction(
			request,
			() => (follow(user, tavolo.id), { ok: translate(locals.locale, 'dec.followed') }),
			'follow'
		);
	},
	unfollow: async ({ request, locals, params, url }) => {
		const user = requireUser(locals, url);
		const { tavolo } = guard(() => open(user, params.slug, 'tavolo.see'));
		return formAction(
			request,
			() => (unfollow(user, tavolo.id), { ok: translate(locals.locale, 'dec.unfollowed') }),
			'follow'
		);
	}
};
