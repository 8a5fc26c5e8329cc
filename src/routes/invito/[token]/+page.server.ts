import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accept, inspect } from '$lib/server/tavoli/invitations';
import { formAction } from '$lib/server/http/kit';
import { createSession, generateToken } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';

export const load: PageServerLoad = ({ params, locals }) => {
	const state = inspect(params.token);
	if (!state.ok) return { problem: state.reason };
	const i = state.invitation;
	return {
		problem: null,
		invitation: {
			email: i.email,
			name: i.name,
			role: i.role,
			tavoloName: i.tavolo_name,
			enteName: i.ente_name
		},
		hasAccount: state.hasAccount,
		signedInAsInvitee: !!locals.user && locals.user.email.toLowerCase() === i.email.toLowerCase()
	};
};

export const actions: Actions = {
	default: async ({ request, params, cookies, url, locals }) => {
		let joined = '';
		const result = await formAction(request, async (v) => {
			const { userId, tavoloSlug } = await accept(params.token, v, locals.user);
			if (!locals.user) {
				// A brand-new account is signed in straight away.
				const token = generateToken();
				setSessionCookie(cookies, url, token, createSession(token, userId).expiresAt);
			}
			joined = tavoloSlug;
		});
		if (joined) redirect(303, `/tavoli/${joined}`);
		return result;
	}
};
