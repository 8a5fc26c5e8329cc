import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, guard } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { can } from '$lib/server/policy';
import { awaitingMe, listMeetings, schedule } from '$lib/server/meetings';
import { translate } from '$lib/i18n';
import { createFeed, listFeeds, revokeFeed } from '$lib/server/meetings/calendar';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, tavolo } = tavoloFor(locals, params, url);
	const meetings = guard(() => listMeetings(user, tavolo.id));
	const nowIso = new Date().toISOString();
	const pick = (m: (typeof meetings)[number]) => ({
		id: m.id,
		title: m.title,
		startsAt: m.startsAt,
		endsAt: m.endsAt,
		status: m.status,
		modality: m.modality
	});
	return {
		canManage: can(user, 'meeting.manage', { tavoloId: tavolo.id }),
		upcoming: meetings
			.filter(
				(m) => m.endsAt >= nowIso && m.status !== 'svolta' && m.status !== 'verbale_approvato'
			)
			.reverse()
			.map(pick),
		past: meetings
			.filter(
				(m) => !(m.endsAt >= nowIso && m.status !== 'svolta' && m.status !== 'verbale_approvato')
			)
			.map(pick),
		awaiting: awaitingMe(user, tavolo.id),
		feeds: listFeeds(user).map((f) => ({
			id: f.id,
			tavoloId: f.tavoloId,
			tavoloName: f.tavoloName,
			createdAt: f.createdAt
		}))
	};
};

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		const { user, tavolo } = tavoloFor(locals, params, url);
		const res = await formAction(request, (v) => schedule(user, tavolo.id, v), 'create');
		if (res && 'id' in res) redirect(303, `/tavoli/${tavolo.slug}/riunioni/${res.id}?creata=1`);
		return res;
	},
	feed: async ({ request, locals, params, url }) => {
		const { user, tavolo } = tavoloFor(locals, params, url);
		return formAction(
			request,
			(v) => {
				const { token } = createFeed(user, v.scope === 'mine' ? null : tavolo.id);
				return {
					ok: translate(locals.locale, 'meetings.feed.createdOk'),
					feedUrl: `${url.origin}/calendario/${token}.ics`
				};
			},
			'feed'
		);
	},
	revokeFeed: async ({ request, locals, params, url }) => {
		const { user } = tavoloFor(locals, params, url);
		return formAction(
			request,
			(v) => {
				revokeFeed(user, Number(v.feedId));
				return { ok: translate(locals.locale, 'meetings.feed.revokedOk') };
			},
			'revokeFeed'
		);
	}
};
