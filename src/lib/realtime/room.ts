import type { Socket } from 'socket.io-client';
import { getSocket } from './socket';

/**
 * One ref-counted membership of a tavolo's socket.io room per tab. Every component that needs a
 * tavolo's live events calls `joinTavolo(id)` and the function it returns when it unmounts: the
 * room is joined once (and again after each reconnect) and left only when the last user of it
 * leaves, so one component unmounting never silences another, and navigating away from every page
 * of a tavolo makes the person leave its presence at once.
 */
const holders = new Map<number, number>();
let wired = false;

function rejoinAll(socket: Socket) {
	for (const tavoloId of holders.keys()) socket.emit('tavolo:join', { tavoloId }, () => {});
}

export function joinTavolo(tavoloId: number): () => void {
	const socket = getSocket();
	if (!wired) {
		wired = true;
		socket.on('connect', () => rejoinAll(socket));
	}
	const count = holders.get(tavoloId) ?? 0;
	holders.set(tavoloId, count + 1);
	if (count === 0 && socket.connected) socket.emit('tavolo:join', { tavoloId }, () => {});
	let released = false;
	return () => {
		if (released) return;
		released = true;
		const left = (holders.get(tavoloId) ?? 1) - 1;
		if (left > 0) {
			holders.set(tavoloId, left);
			return;
		}
		holders.delete(tavoloId);
		socket.emit('tavolo:leave', { tavoloId });
	};
}

/**
 * Joins a tavolo's room and listens to the given events while the calling component lives.
 * Returns the cleanup to return from `onMount` (or an `$effect`).
 */
export function onTavoloEvents(
	tavoloId: number,
	handlers: Record<string, (payload: never) => void>
): () => void {
	const socket = getSocket();
	const leave = joinTavolo(tavoloId);
	for (const [event, fn] of Object.entries(handlers)) socket.on(event, fn as never);
	return () => {
		for (const [event, fn] of Object.entries(handlers)) socket.off(event, fn as never);
		leave();
	};
}

/**
 * Asks the server to announce who is on a tavolo now, for a component that starts listening to
 * `presence` while the room is already held (by the tavolo layout): joining again is idempotent on
 * the server, and each join is answered with the room's presence.
 */
export function refreshPresence(tavoloId: number): void {
	const socket = getSocket();
	if (holders.has(tavoloId) && socket.connected) socket.emit('tavolo:join', { tavoloId }, () => {});
}
