import type { PageServerLoad } from './$types';
import { getSettings } from '$lib/server/settings';

export const load: PageServerLoad = ({ locals }) => ({
	notice: getSettings().privacyNotice,
	signedIn: !!locals.user
});
