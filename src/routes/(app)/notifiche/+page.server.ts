import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/http/kit';
import { list, markRead } from '$lib/server/notifications';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { notifications: list(user, 100) };
};

export const actions: Actions = {
	readAll: ({ locals, url }) => {
		markRead(requireUser(locals, url), 'all');
		return { ok: 'Tutte le notifiche sono segnate come lette' };
	},
	read: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const id = Number((await request.formData()).get('id'));
		markRead(user, [id]);
		return { ok: 'Notifica segnata come letta' };
	}
};
