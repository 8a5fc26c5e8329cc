import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { setLocale } from '$lib/server/users';
import { sameOriginPath } from '$lib/server/http/redirect';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const data = await request.formData();
		const locale = data.get('locale') === 'en' ? 'en' : 'it';
		cookies.set('lang', locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24 * 365
		});
		if (locals.user) setLocale(locals.user, locale);
		redirect(303, sameOriginPath(String(data.get('next') ?? ''), url.origin, '/'));
	}
};
