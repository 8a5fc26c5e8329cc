import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, guard } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { membersByEnte } from '$lib/server/tavoli';
import { can, membershipOf } from '$lib/server/policy';
import * as meetings from '$lib/server/meetings';
import * as minutes from '$lib/server/meetings/minutes';
import { list as listDocuments } from '$lib/server/documents';

function ctx(locals: App.Locals, params: { slug: string; id: string }, url: URL) {
	const { user, tavolo } = tavoloFor(locals, params, url);
	const meeting = guard(() => meetings.getMeeting(user, Number(params.id)));
	// The id must belong to this tavolo's URL; anything else is "not found", not a cross-tavolo read.
	if (meeting.tavoloId !== tavolo.id) error(404, 'Riunione non trovata');
	if (meeting.status === 'bozza' && !can(user, 'meeting.manage', { tavoloId: tavolo.id }))
		error(404, 'Riunione non trovata');
	return { user, tavolo, meeting };
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, tavolo, meeting } = ctx(locals, params, url);
	const canManage = can(user, 'meeting.manage', { tavoloId: tavolo.id });
	const membership = membershipOf(user.id, tavolo.id);
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			endsAt: meeting.endsAt,
			modality: meeting.modality,
			place: meeting.place,
			videoUrl: meeting.videoUrl,
			status: meeting.status,
			statusReason: meeting.statusReason,
			version: meeting.version,
			sequence: meeting.sequence
		},
		formValues: meetings.formValues(meeting),
		agenda: guard(() => meetings.listAgendaItems(user, meeting.id)),
		quorum: guard(() => meetings.quorum(user, meeting.id)),
		byEnte: guard(() => meetings.byEnte(user, meeting.id)),
		myRsvp: meetings.myRsvp(user, meeting.id),
		canRsvp: can(user, 'meeting.rsvp', { tavoloId: tavolo.id }),
		canDelegate: membership?.role === 'componente' && membership.representation === 'titolare',
		canManageMeeting: canManage,
		enti: canManage
			? guard(() => membersByEnte(user, tavolo.id)).map((g) => ({ id: g.enteId, name: g.enteName }))
			: [],
		minutes: guard(() => minutes.listForMeeting(user, meeting.id)),
		documents: canManage
			? guard(() => listDocuments(user, tavolo.id)).map((d) => ({ id: d.id, title: d.title }))
			: [],
		// Attendance is taken from an hour before the start (the server refuses it earlier too).
		attendanceOpen:
			meeting.status === 'svolta' ||
			((meeting.status === 'convocata' || meeting.status === 'rinviata') &&
				new Date(meeting.startsAt).getTime() - 3600_000 <= Date.now()),
		created: url.searchParams.has('creata')
	};
};

type Ctx = ReturnType<typeof ctx>;
const act =
	(name: string, fn: (c: Ctx, v: Record<string, string>) => unknown) =>
	async ({
		request,
		locals,
		params,
		url
	}: {
		request: Request;
		locals: App.Locals;
		params: { slug: string; id: string };
		url: URL;
	}) => {
		const c = ctx(locals, params, url);
		return formAction(
			request,
			async (v) => {
				const res = await fn(c, v);
				return typeof res === 'string' ? { ok: res } : res;
			},
			name
		);
	};

export const actions: Actions = {
	update: act('update', async (c, v) => {
		await meetings.update(c.user, c.meeting.id, v);
		return 'Riunione aggiornata';
	}),
	convene: act('convene', async (c, v) => {
		await meetings.convene(c.user, c.meeting.id, v.version);
		return 'Riunione convocata: la convocazione è stata inviata ai componenti';
	}),
	reschedule: act('reschedule', async (c, v) => {
		await meetings.reschedule(c.user, c.meeting.id, v);
		return 'Riunione rinviata: i componenti sono stati avvisati';
	}),
	cancel: act('cancel', async (c, v) => {
		await meetings.cancel(c.user, c.meeting.id, v);
		return 'Riunione annullata';
	}),
	held: act('held', (c, v) => {
		meetings.markHeld(c.user, c.meeting.id, v.version);
		return 'Riunione segnata come svolta';
	}),
	agendaAdd: act('agendaAdd', async (c, v) => {
		await meetings.addAgendaItem(c.user, c.meeting.id, v);
		return 'Punto aggiunto all’ordine del giorno';
	}),
	agendaEdit: act('agendaEdit', async (c, v) => {
		await meetings.editAgendaItem(c.user, c.meeting.id, Number(v.itemId), v);
		return 'Punto aggiornato';
	}),
	agendaRemove: act('agendaRemove', async (c, v) => {
		await meetings.removeAgendaItem(c.user, c.meeting.id, Number(v.itemId));
		return 'Punto tolto dall’ordine del giorno';
	}),
	agendaMove: act('agendaMove', async (c, v) => {
		await meetings.moveAgendaItem(
			c.user,
			c.meeting.id,
			Number(v.itemId),
			v.direction === 'up' ? -1 : 1
		);
		return 'Ordine aggiornato';
	}),
	rsvp: act('rsvp', async (c, v) => {
		await meetings.rsvp(c.user, c.meeting.id, v.answer);
		return 'Risposta registrata';
	}),
	attendance: act('attendance', (c, v) => {
		meetings.recordAttendance(c.user, c.meeting.id, Number(v.userId), v.status);
		return 'Presenza registrata';
	}),
	minutesCreate: act('minutesCreate', async (c) => {
		await minutes.createMinutes(c.user, c.meeting.id);
		return 'Verbale creato dalla riunione';
	}),
	minutesCirculate: act('minutesCirculate', async (c, v) => {
		await minutes.circulate(c.user, Number(v.minutesId), { deadline: v.deadline });
		return 'Verbale inviato in approvazione ai presenti';
	}),
	minutesApprove: act('minutesApprove', async (c, v) => {
		await minutes.approve(c.user, Number(v.minutesId));
		return 'Verbale approvato e congelato';
	}),
	minutesCorrect: act('minutesCorrect', async (c, v) => {
		await minutes.correct(c.user, Number(v.minutesId));
		return 'Creato un verbale di correzione collegato';
	})
};
