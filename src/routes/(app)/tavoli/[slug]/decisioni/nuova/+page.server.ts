import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { formAction, guard, requireUser } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { open } from '$lib/server/tavoli';
import { assertCan } from '$lib/server/policy';
import { ValidationError } from '$lib/server/errors';
import type { SessionUser } from '$lib/server/auth/session';
import {
	checkMeeting,
	fromForm,
	open as openDecision,
	recordDraft,
	refOf,
	votingEnti
} from '$lib/server/decisions';
import { listAgendaItems, listMeetings } from '$lib/server/meetings';
import { list as listDocuments, listVersions } from '$lib/server/documents';

const id = (v: string | null | undefined, field: string): number | null => {
	if (v === null || v === undefined || v === '') return null;
	if (!/^\d{1,12}$/.test(v)) throw new ValidationError({ [field]: 'Valore non valido' });
	return Number(v);
};

/** Frozen versions of the tavolo's documents, for the attachment picker. */
function versionChoices(user: SessionUser, tavoloId: number) {
	const out: { value: string; label: string }[] = [];
	for (const d of listDocuments(user, tavoloId).slice(0, 50))
		for (const v of listVersions(user, d.id).slice(0, 10))
			out.push({
				value: `${d.id}:${v.id}`,
				label: `${d.title} – ${v.name} (${v.hash.slice(0, 12)}…)`
			});
	return out;
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, tavolo } = tavoloFor(locals, params, url);
	guard(() => assertCan(user, 'decision.record', { tavoloId: tavolo.id }));
	const meetingId = guard(() => id(url.searchParams.get('riunione'), 'riunione'));
	const itemId = guard(() => id(url.searchParams.get('punto'), 'punto'));
	const meeting = guard(() => checkMeeting(user, tavolo.id, meetingId, itemId));
	const r = url.searchParams.get('rettifica');
	let rettifica = null;
	if (r) {
		if (!/^\d{1,12}$/.test(r)) error(404, 'Decisione non trovata');
		const { row: d } = guard(() => openDecision(user, Number(r)));
		// Another tavolo's decision is the same 404 as a missing one (no existence oracle).
		if (d.tavoloId !== tavolo.id) error(404, 'Decisione non trovata');
		if (d.status !== 'pubblicata')
			error(404, 'Si rettifica solo una decisione pubblicata di questo tavolo');
		rettifica = { id: d.id, ref: refOf(d), type: d.type, visibility: d.visibility };
	}
	return {
		enti: votingEnti(tavolo.id, meetingId),
		meetings: listMeetings(user, tavolo.id)
			.filter((m) => m.status !== 'bozza' && m.status !== 'annullata')
			.map((m) => ({ id: m.id, title: m.title, startsAt: m.startsAt })),
		meeting: meeting && meetingId ? { id: meetingId, ...meeting, itemId } : null,
		agenda: meetingId
			? listAgendaItems(user, meetingId).map((a) => ({
					id: a.id,
					position: a.position,
					title: a.title
				}))
			: [],
		versions: versionChoices(user, tavolo.id),
		rettifica
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const user = requireUser(locals, url);
		const { tavolo } = guard(() => open(user, params.slug, 'tavolo.read'));
		const res = await formAction(
			request,
			(v) => {
				const at = {
					meetingId: id(v.meetingId, 'meetingId'),
					agendaItemId: id(v.agendaItemId, 'agendaItemId')
				};
				return { id: recordDraft(user, tavolo.id, fromForm(v), at) };
			},
			'record'
		);
		if (res && 'id' in res) redirect(303, `/tavoli/${tavolo.slug}/decisioni/${res.id}`);
		return res;
	}
};
