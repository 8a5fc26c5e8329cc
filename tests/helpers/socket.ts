import { io, type Socket } from 'socket.io-client';
import type { Client } from './http';

/** A real socket.io client carrying a signed-in user's cookie, as a browser tab would. */
export function connectSocket(base: string, client: Client | null, origin = base): Promise<Socket> {
	const socket = io(base, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { origin, ...(client ? { cookie: client.cookieHeader } : {}) }
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (e) => {
			socket.close();
			reject(e);
		});
	});
}

export function emitAck<T = { ok: boolean; error?: string }>(
	socket: Socket,
	event: string,
	payload: unknown
): Promise<T> {
	return socket.timeout(5000).emitWithAck(event, payload) as Promise<T>;
}

/** Resolves with the next event matching `predicate`, or rejects after `ms`. */
export function nextEvent<T>(
	socket: Socket,
	event: string,
	predicate: (p: T) => boolean = () => true,
	ms = 5000
): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off(event, on);
			reject(new Error(`no ${event} within ${ms} ms`));
		}, ms);
		const on = (p: T) => {
			if (!predicate(p)) return;
			clearTimeout(timer);
			socket.off(event, on);
			resolve(p);
		};
		socket.on(event, on);
	});
}

/** Collects every `event` received until stopped, to assert that nothing arrived. */
export function collect<T>(socket: Socket, event: string): { items: T[]; stop: () => void } {
	const items: T[] = [];
	const on = (p: T) => items.push(p);
	socket.on(event, on);
	return { items, stop: () => socket.off(event, on) };
}
