import type { RequestHandler } from './$types';
import { redirect } from '@sveltejs/kit';
import { getSettings } from '$lib/server/settings';

/** The footer's stable link: to the statement the admin set, or to the feedback page meanwhile. */
export const GET: RequestHandler = () => {
	const url = getSettings().accessibilityStatementUrl;
	redirect(303, url || '/accessibilita');
};
