import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { login } from '$lib/server/auth/login';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { sameOriginPath } from '$lib/server/http/redirect';
import { ValidationError } from '$lib/server/errors';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = sameOriginPath(url.searchParams.get('next'), url.origin);
	if (locals.user) redirect(303, next);
	return { next };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const data = await request.formData();
		const email = String(data.get('email') ?? '');
		try {
			const { token, session } = await login(
				{ email, password: data.get('password') },
				getClientAddress()
			);
			setSessionCookie(cookies, url, token, session.expiresAt);
		} catch (e) {
			if (e instanceof ValidationError)
				return fail(e.message === 'rate-limited' ? 429 : 400, {
					errors: e.fields,
					values: { email }
				});
			throw e;
		}
		const next = String(data.get('next') ?? url.searchParams.get('next') ?? '');
		redirect(303, sameOriginPath(next, url.origin));
	}
};
