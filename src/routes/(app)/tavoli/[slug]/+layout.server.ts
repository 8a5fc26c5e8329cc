import type { LayoutServerLoad } from './$types';
import { guard } from '$lib/server/http/kit';
import { decide } from '$lib/server/policy';
import { open } from '$lib/server/tavoli';

// Shapes the tavolo header and navigation only; every page below checks access in its own load.
export const load: LayoutServerLoad = ({ locals, params }) => {
	const { tavolo, membership } = guard(() => open(locals.user, params.slug, 'tavolo.see'));
	const canRead = decide(locals.user, membership, 'tavolo.read', { tavoloId: tavolo.id });
	return {
		tavolo: {
			id: tavolo.id,
			slug: tavolo.slug,
			name: tavolo.name,
			region: tavolo.region,
			status: tavolo.status,
			isPublic: tavolo.isPublic
		},
		myRole: membership?.role ?? null,
		canRead,
		canManage: decide(locals.user, membership, 'tavolo.manage', { tavoloId: tavolo.id })
	};
};
