import type { RequestHandler } from './$types';
import { guard } from '$lib/server/http/kit';
import { meetingIcsFor } from '$lib/server/meetings/calendar';

// One meeting's .ics, for a signed-in reader of its tavolo (checked by the policy).
export const GET: RequestHandler = ({ params, locals }) => {
	const ics = guard(() => meetingIcsFor(locals.user, Number(params.id)));
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'cache-control': 'private, no-store',
			'content-disposition': `attachment; filename="riunione-${Number(params.id)}.ics"`
		}
	});
};
