import type { LayoutServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/admin';

// Navigation only; each admin page and action checks the admin flag itself too.
export const load: LayoutServerLoad = ({ locals, url }) => {
	requireAdmin(locals, url);
	return {};
};
