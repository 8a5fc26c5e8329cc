import type { LayoutServerLoad } from './$types';
import { unreadCount } from '$lib/server/notifications';

export const load: LayoutServerLoad = ({ locals }) => ({
	// Whitelisted: never the session or the whole user row.
	user: locals.user
		? { id: locals.user.id, name: locals.user.name, isAdmin: locals.user.isAdmin }
		: null,
	locale: locals.locale,
	unread: locals.user ? unreadCount(locals.user) : 0
});
