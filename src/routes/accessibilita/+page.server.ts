import type { Actions, PageServerLoad } from './$types';
import { fail } from '@sveltejs/kit';
import { formAction } from '$lib/server/http/kit';
import { getSettings } from '$lib/server/settings';
import { reportAccessibilityProblem, TooManyReports } from '$lib/server/feedback';

// Public (no account): anyone who meets a barrier must be able to report it.
export const load: PageServerLoad = ({ locals, url }) => ({
	statementUrl: getSettings().accessibilityStatementUrl,
	prefill: {
		email: locals.user?.email ?? '',
		name: locals.user?.name ?? '',
		pageUrl: url.searchParams.get('pagina')?.slice(0, 2000) ?? ''
	}
});

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		let values: Record<string, string> = {};
		const result = await formAction(request, async (v) => {
			values = v;
			await reportAccessibilityProblem(locals.user, getClientAddress(), v);
			return { sent: true as const };
		}).catch((e) => {
			if (e instanceof TooManyReports)
				return fail(429, { errors: { _: e.message }, values, form: undefined });
			throw e;
		});
		return result;
	}
};
