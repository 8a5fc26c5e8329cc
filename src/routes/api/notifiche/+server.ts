import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { list, markRead, unreadCount } from '$lib/server/notifications';
import { MarkReadBody, NotificationsQuery } from '$lib/server/notifications/schemas';
import { api, jsonBody, requireApiUser } from '$lib/server/api/problem';

// `message`: SvelteKit's error field these endpoints answered with before problem+json (ADR 017).
const legacy = (detail: string) => ({ message: detail });

export const GET: RequestHandler = ({ locals, url }) =>
	api(() => {
		const user = requireApiUser(locals);
		const { limit } = NotificationsQuery.parse(Object.fromEntries(url.searchParams));
		return json({ unread: unreadCount(user), notifications: list(user, limit) });
	}, legacy);

/** Body: { ids: number[] } or { all: true }. Origin is checked in hooks.server.ts. */
export const POST: RequestHandler = ({ locals, request }) =>
	api(async () => {
		const user = requireApiUser(locals);
		const body = MarkReadBody.parse(await jsonBody(request, 'Corpo JSON non valido'));
		markRead(user, 'all' in body ? 'all' : body.ids);
		return json({ unread: unreadCount(user) });
	}, legacy);
