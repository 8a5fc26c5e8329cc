import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, guard } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { membersByEnte } from '$lib/server/tavoli';
import * as meetings from '$lib/server/meetings';
import * as minutes from '$lib/server/meetings/minutes';
import { list as listDocuments } from '$lib/server/documents';
import { translate } from '$lib/i18n';
import type { MeetingKey } from '$lib/i18n/meetings';
import { attendanceOpen, meetingDependency } from '$lib/meetings/model';

/** The tavolo of the URL and the meeting, opened once for this request: every read and verb takes it. */
function ctx(locals: App.Locals, params: { slug: string; id: string }, url: URL) {
	const { user, tavolo } = tavoloFor(locals, params, url);
	const open = guard(() => meetings.open(user, Number(params.id)));
	// The id must belong to this tavolo's URL; anything else is "not found", not a cross-tavolo read.
	if (open.meeting.tavoloId !== tavolo.id) error(404, 'Riunione non trovata');
	return { user, tavolo, open, meeting: open.meeting, locale: locals.locale };
}

export const load: PageServerLoad = ({ locals, params, url, depends }) => {
	// Live events invalidate this key only: the layouts above are not reloaded for an RSVP.
	depends(meetingDependency(Number(params.id)));
	const { user, tavolo, open, meeting } = ctx(locals, params, url);
	const canManage = open.canManage;
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
		agenda: meetings.listAgendaItems(user, open),
		quorum: meetings.quorum(user, open),
		byEnte: meetings.byEnte(user, open),
		myRsvp: meetings.myRsvp(user, open),
		canRsvp: open.canRsvp,
		canDelegate: meetings.mayDelegate(open.membership),
		canManageMeeting: canManage,
		enti: canManage
			? guard(() => membersByEnte(user, tavolo.id)).map((g) => ({ id: g.enteId, name: g.enteName }))
			: [],
		minutes: minutes.listForMeeting(user, open),
		documents: canManage
			? guard(() => listDocuments(user, tavolo.id)).map((d) => ({ id: d.id, title: d.title }))
			: [],
		attendanceOpen: attendanceOpen(meeting.status, meeting.startsAt),
		created: url.searchParams.has('creata')
	};
};

type Ctx = ReturnType<typeof ctx>;
type Verb = (c: Ctx, v: Record<string, string>) => unknown;
/** The actions, named by their outcome keys, so an action without a message fails svelte-check. */
type Name = MeetingKey extends infer K ? (K extends `meeting.ok.${infer N}` ? N : never) : never;

/** One line per verb: the action named `name` runs `fn` and answers with `meeting.ok.<name>`. */
const act =
	(name: Name, fn: Verb) =>
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
				await fn(c, v);
				return { ok: translate(c.locale, `meeting.ok.${name}`) };
			},
			name
		);
	};

export const actions: Actions = {
	update: act('update', (c, v) => meetings.update(c.user, c.open, v)),
	convene: act('convene', (c, v) => meetings.convene(c.user, c.open, v.version)),
	reschedule: act('reschedule', (c, v) => meetings.reschedule(c.user, c.open, v)),
	cancel: act('cancel', (c, v) => meetings.cancel(c.user, c.open, v)),
	held: act('held', (c, v) => meetings.markHeld(c.user, c.open, v.version)),
	agendaAdd: act('agendaAdd', (c, v) => meetings.addAgendaItem(c.user, c.open, v)),
	agendaEdit: act('agendaEdit', (c, v) =>
		meetings.editAgendaItem(c.user, c.open, Number(v.itemId), v)
	),
	agendaRemove: act('agendaRemove', (c, v) =>
		meetings.removeAgendaItem(c.user, c.open, Number(v.itemId))
	),
	agendaMove: act('agendaMove', (c, v) =>
		meetings.moveAgendaItem(c.user, c.open, Number(v.itemId), v.direction === 'up' ? -1 : 1)
	),
	rsvp: act('rsvp', (c, v) => meetings.rsvp(c.user, c.open, v.answer)),
	attendance: act('attendance', (c, v) =>
		meetings.recordAttendance(c.user, c.open, Number(v.userId), v.status)
	),
	minutesCreate: act('minutesCreate', (c) => minutes.createMinutes(c.user, c.open)),
	minutesCirculate: act('minutesCirculate', (c, v) =>
		minutes.circulate(c.user, Number(v.minutesId), { deadline: v.deadline })
	),
	minutesApprove: act('minutesApprove', (c, v) => minutes.approve(c.user, Number(v.minutesId))),
	minutesCorrect: act('minutesCorrect', (c, v) => minutes.correct(c.user, Number(v.minutesId)))
};
