import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { feedByToken } from '$lib/server/meetings/calendar';
import { NotFoundError } from '$lib/server/errors';

// A subscribable feed: the secret token in the URL is the credential (calendar apps send no cookie).
export const GET: RequestHandler = ({ params }) => {
	try {
		return new Response(feedByToken(params.token), {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'cache-control': 'private, max-age=300',
				'content-disposition': 'inline; filename="raccordo.ics"'
			}
		});
	} catch (e) {
		if (e instanceof NotFoundError) error(404, e.message);
		throw e;
	}
};
