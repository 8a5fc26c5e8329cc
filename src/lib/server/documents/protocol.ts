/**
 * The frames of the y-websocket protocol (sync, awareness, auth from y-protocols) plus Raccordo's
 * storage extension, as the server writes and checks them. Pure encoding: no state, no I/O, so
 * live.ts (broadcast) and yjs-server.ts (one connection) share one spelling of every message.
 */
import type * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as authProtocol from 'y-protocols/auth';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Raccordo's extension of the protocol, server → client: varUint 0 = "your changes are not being
 * stored (storage error, retrying)", 1 = "stored again". Client → server: the same type is a ping,
 * answered at once with a pong (varUint 2), so the editor notices a dead link in seconds.
 * Standard y-websocket clients never send it and ignore it (logging "Unable to compute message").
 */
export const MESSAGE_STORAGE = 4;
export const STORAGE_FAILING = 0;
export const STORAGE_OK = 1;
export const STORAGE_PONG = 2;

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MESSAGE_SYNC);
	syncProtocol.writeUpdate(enc, update);
	return encoding.toUint8Array(enc);
}

/** The y-protocols "permission denied" message: the standard way to say "you are read-only". */
export function readOnlyMessage(reason: string): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MESSAGE_AUTH);
	authProtocol.writePermissionDenied(enc, reason);
	return encoding.toUint8Array(enc);
}

export function awarenessMessage(
	awareness: awarenessProtocol.Awareness,
	ids: number[]
): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, ids));
	return encoding.toUint8Array(enc);
}

export function storageMessage(status: number): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MESSAGE_STORAGE);
	encoding.writeVarUint(enc, status);
	return encoding.toUint8Array(enc);
}

/** The server's opening: its state vector, so the client sends what the server lacks. */
export function syncStep1Message(ydoc: Y.Doc): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(enc, ydoc);
	return encoding.toUint8Array(enc);
}

/** The answer to a client's sync step 1: what it lacks against `stateVector`. */
export function syncStep2Message(ydoc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MESSAGE_SYNC);
	syncProtocol.writeSyncStep2(enc, ydoc, stateVector);
	return encoding.toUint8Array(enc);
}

/** Awareness client ids one connection may hold: the one its document announced. */
export const AWARENESS_IDS_PER_CONN = 1;

/**
 * Parses an awareness update fully (a malformed one is refused when it arrives) and stamps each
 * state's `user` with the connection's real identity: the name beside a caret is the server's
 * word, not the client's, so nobody can type under another official's name.
 */
export function stampAwareness(
	update: Uint8Array,
	user: { id: number; name: string },
	/** The document's current awareness states (ids other connections hold). */
	states: Map<number, unknown>,
	/** The client ids this connection already owns. */
	owned: Set<number>
): Uint8Array | null {
	const d = decoding.createDecoder(update);
	const n = decoding.readVarUint(d);
	const kept: [number, number, string][] = [];
	let claimed = owned.size;
	for (let i = 0; i < n; i++) {
		const clientId = decoding.readVarUint(d);
		const clock = decoding.readVarUint(d);
		let state = JSON.parse(decoding.readVarString(d));
		// A connection speaks only for the client ids it owns: one it announced first, never one
		// another connection holds. Otherwise anyone could remove a colleague's caret or put words
		// beside it.
		if (!owned.has(clientId)) {
			if (states.has(clientId) || state === null) continue;
			if (claimed >= AWARENESS_IDS_PER_CONN) continue;
			claimed++;
		}
		if (state && typeof state === 'object' && state.user && typeof state.user === 'object')
			state = { ...state, user: { ...state.user, id: user.id, name: user.name } };
		kept.push([clientId, clock, JSON.stringify(state)]);
	}
	if (!kept.length) return null;
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, kept.length);
	for (const [clientId, clock, state] of kept) {
		encoding.writeVarUint(e, clientId);
		encoding.writeVarUint(e, clock);
		encoding.writeVarString(e, state);
	}
	return encoding.toUint8Array(e);
}
