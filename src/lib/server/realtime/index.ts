import type { Server as HttpServer } from 'node:http';
import { Server as IOServer, type Socket } from 'socket.io';
import { validateSessionToken, type SessionUser } from '../auth/session.js';
import { tokenFromCookieHeader } from '../auth/cookie.js';
import { isAllowedUpgrade } from '../auth/origin.js';
import { can, decide, membershipOf, type Membership } from '../policy/index.js';
import { trackSocket } from '../auth/revocation.js';
import { db } from '../db/index.js';

/** socket.io, the tavolo rooms (presence, live events) and the per-user rooms (notifications). */

const KEY = Symbol.for('raccordo.io');
const CHANNELS = Symbol.for('raccordo.accessChannels');
type AccessListener = (tavoloId: number) => void;
type G = typeof globalThis & { [KEY]?: IOServer; [CHANNELS]?: readonly AccessListener[] };

interface SocketData {
	user: SessionUser;
}
type RSocket = Socket<
	Record<string, never>,
	Record<string, never>,
	Record<string, never>,
	SocketData
>;

export function io(): IOServer | undefined {
	return (globalThis as G)[KEY];
}

const tavoloRoom = (id: number) => `tavolo:${id}`;
const userRoom = (id: number) => `user:${id}`;

/** Everyone connected on this tavolo's pages, as distinct people. */
async function presence(tavoloId: number): Promise<{ id: number; name: string }[]> {
	const sockets = await io()!.in(tavoloRoom(tavoloId)).fetchSockets();
	const people = new Map<number, { id: number; name: string }>();
	for (const s of sockets) {
		const u = (s.data as SocketData).user;
		people.set(u.id, { id: u.id, name: u.name });
	}
	return [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'it'));
}

async function announcePresence(tavoloId: number): Promise<void> {
	io()
		?.to(tavoloRoom(tavoloId))
		.emit('presence', { tavoloId, users: await presence(tavoloId) });
}

/** Sends an event to every socket on a tavolo whose user passes `allowed` (re-checked now). */
export async function emitToTavolo(
	tavoloId: number,
	event: string,
	payload: unknown,
	allowed: (user: SessionUser, membership: Membership | null) => boolean = () => true
): Promise<void> {
	const server = io();
	if (!server) return;
	for (const s of await server.in(tavoloRoom(tavoloId)).fetchSockets()) {
		const user = (s.data as SocketData).user;
		const m = membershipOf(user.id, tavoloId);
		if (decide(user, m, 'tavolo.read', { tavoloId }) && allowed(user, m)) s.emit(event, payload);
	}
}

export function emitToUser(userId: number, event: string, payload: unknown): void {
	io()?.to(userRoom(userId)).emit(event, payload);
}

/**
 * The memberships of a tavolo changed (removed, role changed): every open channel re-checks what
 * its user may still do now, instead of at the next reconnect.
 */
export async function accessChanged(tavoloId: number): Promise<void> {
	for (const fn of (globalThis as G)[CHANNELS] ?? []) {
		try {
			fn(tavoloId);
		} catch (e) {
			console.error('[raccordo] access re-check failed:', e);
		}
	}
	const server = io();
	if (!server) return;
	let left = false;
	for (const s of await server.in(tavoloRoom(tavoloId)).fetchSockets()) {
		if (!can((s.data as SocketData).user, 'tavolo.read', { tavoloId })) {
			s.leave(tavoloRoom(tavoloId));
			left = true;
		}
	}
	if (left) await announcePresence(tavoloId);
}

type Ack = (answer: { ok: boolean; error?: string; [k: string]: unknown }) => void;

function onJoin(socket: RSocket) {
	return async (arg: unknown, ack?: Ack) => {
		const reply: Ack = typeof ack === 'function' ? ack : () => {};
		const tavoloId = Number((arg as { tavoloId?: unknown } | null)?.tavoloId);
		if (!Number.isInteger(tavoloId) || tavoloId <= 0)
			return reply({ ok: false, error: 'tavoloId non valido' });
		// A refusal looks the same whether the tavolo is hidden or missing.
		const exists = db().prepare('SELECT 1 FROM tavoli WHERE id = ?').get(tavoloId);
		if (!exists || !can(socket.data.user, 'tavolo.read', { tavoloId }))
			return reply({ ok: false, error: 'Tavolo non trovato' });
		await socket.join(tavoloRoom(tavoloId));
		reply({ ok: true });
		await announcePresence(tavoloId);
	};
}

/**
 * Attaches socket.io to the http server. `channels` are the other live channels (the Yjs
 * endpoint) that re-check their connections when a tavolo's memberships change.
 */
export function attachSocketIo(
	httpServer: HttpServer,
	channels: readonly AccessListener[] = []
): IOServer {
	const g = globalThis as G;
	g[CHANNELS] = channels;
	if (g[KEY]) return g[KEY]!;
	const server = new IOServer(httpServer, {
		path: '/socket.io',
		serveClient: false,
		// Our own upgrade router below answers the other websocket paths.
		destroyUpgrade: false,
		maxHttpBufferSize: 64 * 1024,
		allowRequest: (req, cb) => {
			// Browsers always send Origin on websocket and XHR; refusing a foreign one stops
			// cross-site use of a member's cookie.
			cb(null, isAllowedUpgrade(req));
		}
	});
	g[KEY] = server;

	server.use((socket, next) => {
		const auth = validateSessionToken(tokenFromCookieHeader(socket.handshake.headers.cookie));
		if (!auth) return next(new Error('Accesso richiesto'));
		(socket as RSocket).data.user = auth.user;
		// Logout, password change and expiry disconnect the socket at once (revocation.ts).
		trackSocket(socket, auth.session);
		next();
	});

	server.on('connection', (raw) => {
		const socket = raw as unknown as RSocket;
		void socket.join(userRoom(socket.data.user.id));
		socket.on('tavolo:join' as never, onJoin(socket) as never);
		socket.on(
			'tavolo:leave' as never,
			(async (arg: unknown) => {
				const tavoloId = Number((arg as { tavoloId?: unknown } | null)?.tavoloId);
				if (!socket.rooms.has(tavoloRoom(tavoloId))) return;
				await socket.leave(tavoloRoom(tavoloId));
				await announcePresence(tavoloId);
			}) as never
		);
		socket.on('disconnecting', () => {
			const rooms = [...socket.rooms].filter((r) => r.startsWith('tavolo:'));
			setImmediate(() => rooms.forEach((r) => void announcePresence(Number(r.slice(7)))));
		});
	});

	return server;
}

/** Shutdown: disconnects every socket and stops socket.io (and its engine's timers). */
export function closeSocketIo(): Promise<void> {
	const g = globalThis as G;
	const server = g[KEY];
	delete g[KEY];
	if (!server) return Promise.resolve();
	server.disconnectSockets(true);
	// io.close() also closes the http server; its callback waits for every keep-alive connection.
	return new Promise((resolve) => {
		void server.close(() => resolve());
		setTimeout(resolve, 500).unref();
	});
}
