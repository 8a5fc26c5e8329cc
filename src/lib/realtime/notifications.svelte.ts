import { getSocket } from './socket';
import type { Notification } from '$lib/notifications';

export type LiveNotification = Notification;

type Listener = (n: LiveNotification, unread: number) => void;
const listeners = new Set<Listener>();
let wired = false;

/** Subscribes to notifications pushed over socket.io; returns the unsubscribe function. */
export function onNotification(fn: Listener): () => void {
	if (!wired) {
		wired = true;
		getSocket().on('notification', (p: { notification: LiveNotification; unread: number }) => {
			for (const l of listeners) l(p.notification, p.unread);
		});
	}
	listeners.add(fn);
	return () => listeners.delete(fn);
}
