/** /api/notifiche as zod schemas: the handler parses with them and /api/openapi.json shows them. */
import { z } from 'zod';

export const NotificationsQuery = z.object({
	limit: z.coerce
		.number('limit deve essere un intero tra 1 e 200')
		.int('limit deve essere un intero tra 1 e 200')
		.min(1, 'limit deve essere un intero tra 1 e 200')
		.max(200, 'limit deve essere un intero tra 1 e 200')
		.default(20)
});

export const MarkReadBody = z.union(
	// `all` first: a body with both meant everything before, and still does.
	[z.object({ all: z.literal(true) }), z.object({ ids: z.array(z.number().int()).max(1000) })],
	{ error: 'Indica { "ids": [numeri] } oppure { "all": true }' }
);

export const Notification = z.object({
	id: z.number().int(),
	kind: z.string(),
	tavoloId: z.number().int().nullable(),
	title: z.string(),
	body: z.string(),
	url: z.string().nullable(),
	createdAt: z.string(),
	readAt: z.string().nullable()
});

export const NotificationList = z.object({
	unread: z.number().int().min(0),
	notifications: z.array(Notification)
});

export const UnreadCount = z.object({ unread: z.number().int().min(0) });
