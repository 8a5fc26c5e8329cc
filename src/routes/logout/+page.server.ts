import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { invalidateSession } from '$lib/server/auth/session';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { audited } from '$lib/server/audit';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ locals, cookies, url }) => {
		const session = locals.session;
		if (session)
			audited({ actor: locals.user, action: 'auth.signed_out' }, () =>
				invalidateSession(session.id)
			);
		clearSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};
