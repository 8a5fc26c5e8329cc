import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/http/kit';

// Navigation only; each admin page and action checks the admin flag itself too.
export const load: LayoutServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	if (!user.isAdmin) error(403, 'Riservato all’amministrazione della piattaforma');
	return {};
};
