import type { LayoutServerLoad } from './$types';
import { guard, requireUser } from '$lib/server/http/kit';
import { open } from '$lib/server/tavoli';
import { view } from '$lib/server/plans';

// Every view of the plan (and every request of a child page) passes here: plan.read is checked
// for each of them by view().
export const load: LayoutServerLoad = ({ locals, params, url, depends }) => {
	depends('raccordo:plan');
	const user = requireUser(locals, url);
	const { tavolo } = guard(() => open(user, params.slug, 'tavolo.read'));
	const v = guard(() => view(user, tavolo.id));
	return {
		plan: v.plan ? { id: v.plan.id, title: v.plan.title, documentId: v.plan.documentId } : null,
		rows: v.rows,
		options: v.options,
		enti: v.enti,
		figures: v.figures,
		today: v.today,
		canWrite: v.canWrite,
		canConfigure: v.canConfigure
	};
};
