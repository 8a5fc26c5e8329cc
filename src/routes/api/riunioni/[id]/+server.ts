import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api } from '$lib/server/api/problem';
import { byEnte, listAgendaItems, open, quorum } from '$lib/server/meetings';
import { listForMeeting } from '$lib/server/meetings/minutes';
import { contentText } from '$lib/server/documents';

// A meeting as JSON for a reader of its tavolo: state, agenda, answers by ente, live quorum, verbali.
export const GET: RequestHandler = ({ params, locals }) =>
	api(() => {
		const o = open(locals.user, Number(params.id));
		return json({
			meeting: o.meeting,
			agenda: listAgendaItems(locals.user, o),
			byEnte: byEnte(locals.user, o),
			quorum: quorum(locals.user, o),
			minutes: listForMeeting(locals.user, o).map((v) => ({
				...v,
				text: contentText(v.documentId)
			}))
		});
	});
