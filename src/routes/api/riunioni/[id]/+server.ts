import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { guard } from '$lib/server/http/kit';
import { byEnte, getMeeting, listAgendaItems, quorum } from '$lib/server/meetings';
import { listForMeeting } from '$lib/server/meetings/minutes';
import { contentText } from '$lib/server/documents';

// A meeting as JSON for a reader of its tavolo: state, agenda, answers by ente, live quorum, verbali.
export const GET: RequestHandler = ({ params, locals }) => {
	const id = Number(params.id);
	return guard(() => {
		const m = getMeeting(locals.user, id);
		return json({
			meeting: m,
			agenda: listAgendaItems(locals.user, id),
			byEnte: byEnte(locals.user, id),
			quorum: quorum(locals.user, id),
			minutes: listForMeeting(locals.user, id).map((v) => ({
				...v,
				text: contentText(v.documentId)
			}))
		});
	});
};
