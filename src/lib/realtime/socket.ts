import { io, type Socket } from 'socket.io-client';

let socket: Socket | null = null;

/** One socket.io connection per tab, authenticated by the session cookie it carries. */
export function getSocket(): Socket {
	socket ??= io({
		path: '/socket.io',
		transports: ['websocket', 'polling'],
		withCredentials: true
	});
	return socket;
}
