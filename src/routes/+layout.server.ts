import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	// Whitelisted: never the session or the whole user row.
	user: locals.user ? { id: locals.user.id, name: locals.user.name, isAdmin: locals.user.isAdmin } : null,
	locale: locals.locale
});
