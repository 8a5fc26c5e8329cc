import type { Actions, PageServerLoad } from './$types';
import { formAction, requireUser } from '$lib/server/http/kit';
import { changePassword } from '$lib/server/users';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { account: { name: user.name, email: user.email } };
};

export const actions: Actions = {
	password: async ({ request, locals, url, getClientAddress }) => {
		const user = requireUser(locals, url);
		return formAction(request, async (v) => {
			await changePassword(
				user,
				locals.session!.id,
				v.current ?? '',
				v.password ?? '',
				v.confirm ?? '',
				getClientAddress()
			);
			return { ok: translate(locals.locale, 'account.changed') };
		});
	}
};
