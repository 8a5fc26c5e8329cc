/**
 * The /yjs/<documentId> websocket endpoint: the y-websocket protocol (sync + awareness from
 * y-protocols), so any standard y-websocket client can sync. Differences from the reference
 * server: access is decided at the upgrade, writes are enforced per connection, the stored state
 * is loaded before the first sync answer, updates are stored before they are broadcast, and a bad
 * frame closes only the connection that sent it.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { validateSessionToken, type Session, type SessionUser } from '../auth/session.js';
import { tokenFromCookieHeader } from '../auth/cookie.js';
import { isAllowedUpgrade } from '../auth/origin.js';
import { refuseUpgrade, type UpgradeHandler } from '../realtime/upgrade.js';
import { trackSession } from '../auth/revocation.js';
import { LIMITS } from './limits.js';
import { trace } from './trace.js';
import { acquire, liveDocs, unloadAll, type Conn, type LiveDoc } from './live.js';
import {
	awarenessMessage,
	readOnlyMessage,
	stampAwareness,
	storageMessage,
	syncStep1Message,
	syncStep2Message,
	MESSAGE_AUTH,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_STORAGE,
	MESSAGE_SYNC,
	STORAGE_FAILING,
	STORAGE_PONG
} from './protocol.js';
import { connectionAccess } from './access.js';

/** Close codes: 44xx tell y-websocket clients not to reconnect (a deliberate refusal). */
export const CLOSE_BAD_MESSAGE = 4400;
export const CLOSE_SLOW_CLIENT = 4503;
/** Signed out, removed from the tavolo, or the document is no longer readable. */
export const CLOSE_ACCESS_REVOKED = 4403;

const WSS = Symbol.for('raccordo.yjs.wss');
const HEARTBEAT = Symbol.for('raccordo.yjs.heartbeat');
type G = typeof globalThis & {
	[WSS]?: WebSocketServer;
	[HEARTBEAT]?: ReturnType<typeof setInterval>;
};

class BadMessage extends Error {}

/**
 * Malformed frames are logged, but at most this many lines a minute for the whole process: a
 * client sending thousands of bad frames must not fill the disk with the log.
 */
const BAD_FRAME_LOG_PER_MINUTE = 10;
let badFrameWindow = 0;
let badFrameLogged = 0;
let badFrameSuppressed = 0;
function logBadFrame(documentId: string, e: unknown): void {
	const now = Date.now();
	if (now - badFrameWindow >= 60_000) {
		if (badFrameSuppressed)
			console.warn(`[raccordo] yjs: ${badFrameSuppressed} more bad frames not logged`);
		badFrameWindow = now;
		badFrameLogged = 0;
		badFrameSuppressed = 0;
	}
	if (badFrameLogged++ < BAD_FRAME_LOG_PER_MINUTE)
		console.warn(`[raccordo] yjs ${documentId}: bad frame (${String(e).slice(0, 120)})`);
	else badFrameSuppressed++;
}

/** The heartbeat visits one slice of the connections at a time (see server()). */
const HEARTBEAT_SLICES = 10;
let nextSlice = 0;

class WsConn implements Conn {
	awarenessIds = new Set<number>();
	alive = true;
	/**
	 * Set synchronously when access is withdrawn. A client may ignore the close frame (ws waits
	 * 30 s for its answer): from this moment none of its frames is applied, and the socket is
	 * terminated shortly after the close frame had a chance to leave.
	 */
	revoked = false;
	readonly slice = nextSlice++ % HEARTBEAT_SLICES;
	/** A read-only client is told once per burst, not once per dropped update. */
	private lastDeniedAt = 0;
	private lastAwarenessAt = 0;
	private pendingAwareness: Uint8Array[] = [];
	private awarenessTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		readonly ws: WebSocket,
		readonly user: SessionUser,
		public canWrite: boolean,
		readonly readOnlyReason: string,
		/** Kept to re-validate the session while the connection lives (logout, expiry). */
		readonly sessionToken: string
	) {}

	get userId(): number {
		return this.user.id;
	}

	send(data: Uint8Array): void {
		if (this.ws.readyState !== this.ws.OPEN) return;
		if (this.ws.bufferedAmount > LIMITS.maxBufferedBytes) {
			this.close(CLOSE_SLOW_CLIENT, 'Connessione troppo lenta');
			return;
		}
		this.ws.send(data, { binary: true });
	}

	close(code: number, reason: string): void {
		if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING)
			this.ws.close(code, reason);
	}

	revoke(code: number, reason: string): void {
		if (this.revoked) return;
		this.revoked = true;
		this.canWrite = false;
		this.close(code, reason);
		setTimeout(() => this.ws.terminate(), 500).unref();
	}

	denied(): void {
		const now = Date.now();
		if (now - this.lastDeniedAt < 1000) return;
		this.lastDeniedAt = now;
		this.send(readOnlyMessage(this.readOnlyReason));
	}

	/**
	 * Applies an awareness update now, or, past the per-connection rate, at the next free slot:
	 * the latest caret of a fast typist is delayed, never dropped (a dropped last update would
	 * leave a stale caret on everyone's screen).
	 */
	awareness(doc: LiveDoc, raw: Uint8Array): void {
		const update = stampAwareness(raw, this.user, doc.awareness.getStates(), this.awarenessIds);
		if (!update) return;
		const wait = this.lastAwarenessAt + 1000 / LIMITS.awarenessPerSecond - Date.now();
		if (wait <= 0 && !this.awarenessTimer) {
			this.lastAwarenessAt = Date.now();
			awarenessProtocol.applyAwarenessUpdate(doc.awareness, update, this);
			return;
		}
		// Bounded: a flood keeps only the most recent updates (each carries full states).
		if (this.pendingAwareness.length >= 16) this.pendingAwareness.shift();
		this.pendingAwareness.push(update);
		this.awarenessTimer ??= setTimeout(
			() => {
				this.awarenessTimer = null;
				this.lastAwarenessAt = Date.now();
				const pending = this.pendingAwareness;
				this.pendingAwareness = [];
				if (!doc.conns.has(this) || doc.unloaded) return;
				for (const u of pending) awarenessProtocol.applyAwarenessUpdate(doc.awareness, u, this);
			},
			Math.max(0, wait)
		);
	}

	dispose(): void {
		if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
		this.awarenessTimer = null;
		this.pendingAwareness = [];
	}
}

function handleMessage(doc: LiveDoc, conn: WsConn, data: Uint8Array): void {
	const decoder = decoding.createDecoder(data);
	const type = decoding.readVarUint(decoder);
	switch (type) {
		case MESSAGE_SYNC: {
			const step = decoding.readVarUint(decoder);
			if (step === syncProtocol.messageYjsSyncStep1) {
				const stateVector = decoding.readVarUint8Array(decoder);
				// Held back while updates wait to be stored (storage error): the answer would show them.
				doc.whenStored(() => {
					if (conn.revoked || doc.unloaded || !doc.conns.has(conn)) return;
					conn.send(syncStep2Message(doc.ydoc, stateVector));
				});
			} else if (
				step === syncProtocol.messageYjsSyncStep2 ||
				step === syncProtocol.messageYjsUpdate
			) {
				const update = decoding.readVarUint8Array(decoder);
				if (!conn.canWrite) {
					// Enforced here, not in the UI: the update is neither applied, stored nor relayed.
					conn.denied();
					return;
				}
				trace?.mark('frame');
				// Decode the whole update first: Yjs integrates structs before it reads the delete set,
				// so a truncated update could otherwise be half-applied before it throws.
				Y.decodeUpdate(update);
				trace?.mark('validate');
				Y.applyUpdate(doc.ydoc, update, conn);
				trace?.mark('apply');
			} else {
				throw new BadMessage('sync');
			}
			return;
		}
		case MESSAGE_AWARENESS: {
			const update = decoding.readVarUint8Array(decoder);
			conn.awareness(doc, update);
			return;
		}
		case MESSAGE_QUERY_AWARENESS: {
			conn.send(awarenessMessage(doc.awareness, [...doc.awareness.getStates().keys()]));
			return;
		}
		case MESSAGE_STORAGE:
			// The editor's ping: answered at once, so a dead link shows within seconds.
			conn.send(storageMessage(STORAGE_PONG));
			return;
		case MESSAGE_AUTH:
			// Clients have nothing to say in the auth sub-protocol; ignored like the reference does.
			return;
		default:
			throw new BadMessage('type');
	}
}

function attach(
	ws: WebSocket,
	user: SessionUser,
	documentId: string,
	canWrite: boolean,
	reason: string,
	sessionToken: string,
	session: Session
) {
	const doc = acquire(documentId);
	const conn = new WsConn(ws, user, canWrite, reason, sessionToken);
	doc.addConn(conn);
	// Logout, password change, expiry: stopped at once, not at the next heartbeat.
	const untrack = trackSession(session, () =>
		conn.revoke(CLOSE_ACCESS_REVOKED, 'Sessione terminata')
	);
	ws.on('pong', () => (conn.alive = true));
	ws.on('message', (raw, isBinary) => {
		if (conn.revoked) return;
		trace?.received();
		if (doc.unloaded) return conn.close(1012, 'Documento ricaricato');
		if (!isBinary) return conn.close(CLOSE_BAD_MESSAGE, 'Solo messaggi binari');
		const buf = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
		try {
			handleMessage(doc, conn, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
		} catch (e) {
			// Malformed input from one client never takes the document or the process down.
			if (!(e instanceof BadMessage)) logBadFrame(documentId, e);
			// Nothing more from this connection is read: frames already in flight behind the bad one
			// would otherwise each be decoded (and logged) before the close completes.
			conn.revoke(CLOSE_BAD_MESSAGE, 'Messaggio non valido');
		}
	});
	ws.on('error', () => conn.close(CLOSE_BAD_MESSAGE, 'Errore di connessione'));
	ws.on('close', () => {
		untrack();
		conn.dispose();
		doc.removeConn(conn);
	});

	// The server speaks first: its sync step 1 (so the client sends what the server lacks), the
	// current awareness, and for read-only connections the reason (the UI switches to read-only).
	conn.send(syncStep1Message(doc.ydoc));
	const states = [...doc.awareness.getStates().keys()];
	if (states.length) conn.send(awarenessMessage(doc.awareness, states));
	if (!canWrite) conn.send(readOnlyMessage(reason));
	else if (doc.storageFailures) conn.send(storageMessage(STORAGE_FAILING));
}

/**
 * One pass of access checks over many connections. Connections share sessions (one person, several
 * documents) and documents (many people): each session and each person × document is decided once
 * per pass. Deciding all 400 connections of 40 busy documents one by one stalled the event loop
 * for about 30 ms on every heartbeat.
 */
class AccessSweep {
	private sessions = new Map<string, ReturnType<typeof validateSessionToken>>();
	private access = new Map<string, ReturnType<typeof connectionAccess>>();

	decide(conn: WsConn, documentId: string): ReturnType<typeof connectionAccess> {
		let auth = this.sessions.get(conn.sessionToken);
		if (auth === undefined) {
			auth = validateSessionToken(conn.sessionToken);
			this.sessions.set(conn.sessionToken, auth);
		}
		if (!auth) return null;
		const key = `${auth.user.id}:${documentId}`;
		let access = this.access.get(key);
		if (access === undefined) {
			access = connectionAccess(auth.user, documentId);
			this.access.set(key, access);
		}
		return access;
	}
}

/**
 * Access is decided at the upgrade and re-decided while the connection lives: on every heartbeat
 * and whenever a tavolo's memberships change. A signed-out or removed person is disconnected; one
 * who lost write access (role change, freeze) becomes read-only.
 */
function recheck(doc: LiveDoc, conn: WsConn, sweep = new AccessSweep()): boolean {
	const access = sweep.decide(conn, doc.id);
	if (!access) {
		conn.revoke(CLOSE_ACCESS_REVOKED, 'Accesso revocato');
		return false;
	}
	if (conn.canWrite && !access.canWrite) {
		conn.canWrite = false;
		conn.send(readOnlyMessage(access.reason));
	}
	return true;
}

/** The memberships of a tavolo changed: every open connection re-checks its access now. */
export function recheckAll(): void {
	const sweep = new AccessSweep();
	for (const doc of liveDocs().values())
		for (const c of doc.conns) recheck(doc, c as WsConn, sweep);
}

function server(): WebSocketServer {
	const g = globalThis as G;
	if (g[WSS]) return g[WSS]!;
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: LIMITS.maxFrameBytes,
		// Yjs updates are small and already compact; deflate would cost CPU on every broadcast.
		perMessageDeflate: false
	});
	g[WSS] = wss;
	// Each connection is pinged and re-checked once per heartbeat, a tenth of them at a time: 400
	// pings written in one go held the event loop (and every edit waiting behind it) for milliseconds.
	let tick = 0;
	const heartbeat = setInterval(() => {
		const slice = tick++ % HEARTBEAT_SLICES;
		const sweep = new AccessSweep();
		for (const doc of liveDocs().values()) {
			for (const c of doc.conns) {
				const conn = c as WsConn;
				if (conn.slice !== slice) continue;
				if (!conn.alive) {
					conn.ws.terminate();
					continue;
				}
				if (!recheck(doc, conn, sweep)) continue;
				conn.alive = false;
				conn.ws.ping();
			}
		}
	}, LIMITS.heartbeatMs / HEARTBEAT_SLICES);
	heartbeat.unref();
	g[HEARTBEAT] = heartbeat;
	return wss;
}

/** Shutdown: stops the heartbeat, stores and unloads every live document, closes its sockets. */
export function closeYjs(): void {
	const g = globalThis as G;
	clearInterval(g[HEARTBEAT]);
	unloadAll();
	g[WSS]?.close();
	delete g[WSS];
}

/** The /yjs/<documentId> upgrade, routed here by app.ts. */
export const yjsUpgrade: UpgradeHandler = (req, socket, head) => {
	const path = (req.url ?? '').split('?')[0];
	const id = path.slice('/yjs/'.length);
	// Browsers always send Origin on websockets; a foreign one is another site riding the cookie.
	if (!isAllowedUpgrade(req)) return refuseUpgrade(socket, 403, 'Forbidden');
	const auth = validateSessionToken(tokenFromCookieHeader(req.headers.cookie));
	if (!auth) return refuseUpgrade(socket, 401, 'Unauthorized');
	const access = connectionAccess(auth.user, id);
	// Unknown and not-readable look the same: no existence leak.
	if (!access) return refuseUpgrade(socket, 404, 'Not found');
	const token = tokenFromCookieHeader(req.headers.cookie)!;
	server().handleUpgrade(req, socket, head, (ws) =>
		attach(ws, auth.user, id, access.canWrite, access.reason, token, auth.session)
	);
};
