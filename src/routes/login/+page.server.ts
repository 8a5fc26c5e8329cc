import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { login } from '$lib/server/auth/login';
import { safeNext, setSessionCookie } from '$lib/server/auth/cookies';
import { ValidationError } from '$lib/server/errors';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: safeNext(url.searchParams.get('next')) };
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
		redirect(303, safeNext(String(data.get('next') ?? url.searchParams.get('next') ?? '')));
	}
};
