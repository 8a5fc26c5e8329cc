import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { list, markRead, unreadCount } from '$lib/server/notifications';

export const GET: RequestHandler = ({ locals, url }) => {
	if (!locals.user) error(401, 'Accesso richiesto');
	const limit = Number(url.searchParams.get('limit') ?? 20);
	if (!Number.isInteger(limit) || limit < 1 || limit > 200)
		error(400, 'limit deve essere un intero tra 1 e 200');
	return json({ unread: unreadCount(locals.user), notifications: list(locals.user, limit) });
};

/** Body: { ids: number[] } or { all: true }. Origin is checked in hooks.server.ts. */
export const POST: RequestHandler = async ({ locals, request }) => {
	if (!locals.user) error(401, 'Accesso richiesto');
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		error(400, 'Corpo JSON non valido');
	}
	const b = body as { ids?: unknown; all?: unknown };
	if (b?.all === true) markRead(locals.user, 'all');
	else if (Array.isArray(b?.ids) && b.ids.every((i) => Number.isInteger(i)))
		markRead(locals.user, b.ids as number[]);
	else error(400, 'Indica { "ids": [numeri] } oppure { "all": true }');
	return json({ unread: unreadCount(locals.user) });
};
