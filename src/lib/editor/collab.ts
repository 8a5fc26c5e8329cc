/**
 * The browser side of a co-edited document: Tiptap 3 bound to a Yjs document synced over
 * y-websocket (/yjs/<id>) and kept in IndexedDB for offline work. Imported dynamically by the
 * document page only, so the editor's weight never lands on other pages.
 */
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { Slice } from '@tiptap/pm/model';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { schemaExtensions } from './schema';
import { initialLiveState, type Connection, type LiveState, type Person } from './live';

export type { Connection, LiveState, Person };

const COLORS = [
	'#0066cc',
	'#b71918',
	'#008055',
	'#995c00',
	'#6f2c91',
	'#00708a',
	'#a3225c',
	'#3d5a00'
];
export const colorFor = (userId: number) => COLORS[userId % COLORS.length];

/** Raccordo's protocol extension (see src/lib/server/documents/live.ts, MESSAGE_STORAGE). */
const MESSAGE_STORAGE = 4;
/** A ping every few seconds; no message at all for PING_DEAD_MS means the link is dead. */
const PING_MS = 4000;
const PING_DEAD_MS = 9000;

/**
 * Bytes a pasted slice will take as a Yjs update, from above: its text as UTF-8 plus a generous
 * allowance per node and mark (each is an item with its own id, type and attributes). Measured:
 * 300 pages of formatted text (0.84 MB) is a 1.03 MB update.
 */
function estimatedUpdateBytes(slice: Slice): number {
	let bytes = 0;
	slice.content.descendants((node) => {
		bytes += 48 + node.marks.length * 32;
		if (node.isText) bytes += new TextEncoder().encode(node.text ?? '').length;
		return true;
	});
	return bytes;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export function startEditor(
	element: HTMLElement,
	opts: {
		docId: string;
		user: { id: number; name: string };
		canWrite: boolean;
		/** Accessible name of the editing area. */
		label?: string;
		/** Largest frame the server takes (bytes): bigger edits are refused here, with a message. */
		maxEditBytes?: number;
		onState: (s: LiveState) => void;
		onTransaction?: () => void;
		/**
		 * The server refused changes made here (offline, or not yet saved) because the document
		 * became read-only meanwhile (approved, archived, or the role changed). Called once, with the
		 * text as it was here (HTML), after the local copy has been cleared: start the editor again
		 * to show the server's text.
		 */
		onRefused?: (html: string) => void;
	}
) {
	const ydoc = new Y.Doc();
	const local = new IndexeddbPersistence(`raccordo-doc-${opts.docId}`, ydoc);
	const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
	const provider = new WebsocketProvider(base, opts.docId, ydoc, { maxBackoffTime: 5000 });
	const state: LiveState = initialLiveState();
	let everConnected = false;
	const emit = () => opts.onState({ ...state, people: [...state.people] });

	// Acknowledgement tracking: the server echoes each stored batch to its writer too. Inserted
	// content is acknowledged when an echo covers our clock; deletions when an echo's delete set
	// covers them.
	let localClock = 0;
	let ackedClock = 0;
	let pendingDeletes: [number, number][] = [];
	const recompute = () => {
		const saved = ackedClock >= localClock && pendingDeletes.length === 0;
		if (saved !== state.saved) {
			state.saved = saved;
			emit();
		}
	};
	ydoc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin === provider || origin === local) return;
		const { structs, ds } = Y.decodeUpdate(update);
		for (const s of structs)
			if (s.id.client === ydoc.clientID) localClock = Math.max(localClock, s.id.clock + s.length);
		for (const [client, items] of ds.clients)
			for (const d of items) pendingDeletes.push([client, d.clock]);
		recompute();
	});

	// Refused changes. A read-only connection's updates are dropped by the server, so changes made
	// here that the server lacks (typed offline, or not yet acknowledged) will never be saved. They
	// are found by comparing this copy with what the server has, as learnt on this connection: the
	// state vector of its sync step 1, then every struct and deletion it sent (its sync step 2
	// carries its whole delete set; later updates, echoes of our own edits included, add to both).
	let serverSv: Map<number, number> | null = null;
	let serverDs: Map<number, { clock: number; len: number }[]> | null = null;
	let serverDsComplete = false;
	let localLoaded = false;
	let refusalChecked = false;

	/** An update from the server, decoded once: it acknowledges our edits and adds to what it has. */
	const onServerUpdate = (update: Uint8Array) => {
		const { structs, ds } = Y.decodeUpdate(update);
		for (const s of structs) {
			if (s.id.client === ydoc.clientID) ackedClock = Math.max(ackedClock, s.id.clock + s.length);
			if (serverSv && !(s instanceof Y.Skip))
				serverSv.set(s.id.client, Math.max(serverSv.get(s.id.client) ?? 0, s.id.clock + s.length));
		}
		if (pendingDeletes.length)
			pendingDeletes = pendingDeletes.filter(
				([client, clock]) =>
					!(ds.clients.get(client) ?? []).some((d) => d.clock <= clock && clock < d.clock + d.len)
			);
		if (serverDs)
			for (const [client, items] of ds.clients)
				serverDs.set(client, [...(serverDs.get(client) ?? []), ...items]);
		recompute();
	};
	const hasUnsaved = (): boolean => {
		const mine = Y.snapshot(ydoc);
		for (const [client, clock] of mine.sv) if (clock > (serverSv!.get(client) ?? 0)) return true;
		for (const [client, items] of mine.ds.clients) {
			// Deletions of what the server has (below its clock) must be in its delete set.
			const known = serverSv!.get(client) ?? 0;
			const theirs = [...(serverDs!.get(client) ?? [])].sort((a, b) => a.clock - b.clock);
			for (const d of items) {
				const end = Math.min(d.clock + d.len, known);
				let pos = d.clock;
				for (const t of theirs) {
					if (pos >= end || t.clock > pos) break;
					pos = Math.max(pos, t.clock + t.len);
				}
				if (pos < end) return true;
			}
		}
		return false;
	};
	const checkRefused = () => {
		if (refusalChecked || !state.readOnly || !serverDsComplete || !localLoaded) return;
		refusalChecked = true;
		if (!hasUnsaved()) return;
		const html = editor.getHTML();
		// The local copy holds what the server will never take: dropped, so that the next opening
		// shows the saved text. The person keeps their words through onRefused.
		provider.disconnect();
		void local.clearData().finally(() => opts.onRefused?.(html));
	};
	void local.whenSynced.then(() => {
		localLoaded = true;
		checkRefused();
	});
	provider.on('status', ({ status }: { status: string }) => {
		if (status !== 'connected') ((serverSv = serverDs = null), (serverDsComplete = false));
	});

	const syncHandler = provider.messageHandlers[0];
	provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, type) => {
		try {
			const peek = decoding.clone(decoder);
			const step = decoding.readVarUint(peek);
			const payload = decoding.readVarUint8Array(peek);
			if (step === 0) {
				// The server's state vector: what it already has of ours (e.g. sent before a disconnect).
				const sv = Y.decodeStateVector(payload);
				serverSv = new Map(sv);
				serverDs = new Map();
				ackedClock = Math.max(ackedClock, sv.get(ydoc.clientID) ?? 0);
				if (ackedClock >= localClock) pendingDeletes = [];
				recompute();
			} else {
				onServerUpdate(payload);
				if (step === 1 && serverDs) serverDsComplete = true;
			}
		} catch {
			// Not ours to judge: the standard handler below reports malformed messages.
		}
		syncHandler(encoder, decoder, p, emitSynced, type);
		checkRefused();
	};
	// The y-protocols "permission denied" message is how the server says "read-only from now".
	provider.messageHandlers[2] = (_encoder, decoder) => {
		if (decoding.readVarUint(decoder) === 0) {
			state.readOnly = decoding.readVarString(decoder) || 'read-only';
			editor.setEditable(false);
			emit();
			checkRefused();
		}
	};

	// The server's word on storage (type 4): failing, stored again, or the answer to our ping.
	provider.messageHandlers[MESSAGE_STORAGE] = (_encoder, decoder) => {
		const status = decoding.readVarUint(decoder);
		if (status === 0 || status === 1) {
			state.storageError = status === 0;
			emit();
		}
	};
	// A dead link (network gone, laptop asleep) shows within seconds: y-websocket alone notices only
	// after 30 s without a message. Every received message counts as a sign of life.
	const ping = setInterval(() => {
		const ws = provider.ws;
		if (!provider.wsconnected || !ws || ws.readyState !== 1) return;
		if (Date.now() - provider.wsLastMessageReceived > PING_DEAD_MS) ws.close();
		else ws.send(new Uint8Array([MESSAGE_STORAGE]));
	}, PING_MS);
	// An old frame limit (1009: message too big) would otherwise loop: reconnect, resend, refused.
	provider.on('connection-close', (event: CloseEvent | null) => {
		if (event?.code === 1009 && !state.tooLarge) {
			state.tooLarge = { sizeMb: 0, maxMb: mb(opts.maxEditBytes ?? 0) };
			emit();
		}
	});

	const setConnection = () => {
		const online = typeof navigator === 'undefined' || navigator.onLine;
		if (!online) state.connection = 'offline';
		else if (provider.wsconnected) state.connection = 'connected';
		else if (!online) state.connection = 'offline';
		else state.connection = everConnected ? 'reconnecting' : 'connecting';
		emit();
	};
	provider.on('status', ({ status }: { status: string }) => {
		if (status === 'connected') everConnected = true;
		setConnection();
	});
	// The browser knows at once when the network goes: no need to wait for the socket to time out.
	const onOffline = () => {
		setConnection();
		provider.ws?.close();
	};
	const onOnline = () => {
		setConnection();
		if (!provider.wsconnected) provider.connect();
	};
	window.addEventListener('online', onOnline);
	window.addEventListener('offline', onOffline);

	const color = colorFor(opts.user.id);
	const refreshPeople = () => {
		const people: Person[] = [];
		for (const [clientId, s] of provider.awareness.getStates()) {
			const u = (s as { user?: { name?: unknown; color?: unknown } }).user;
			if (!u || typeof u.name !== 'string') continue;
			people.push({
				clientId,
				name: u.name.slice(0, 80),
				color: typeof u.color === 'string' && /^#[0-9a-f]{6}$/i.test(u.color) ? u.color : '#5c6f82',
				me: clientId === ydoc.clientID
			});
		}
		people.sort((a, b) => Number(b.me) - Number(a.me) || a.name.localeCompare(b.name, 'it'));
		state.people = people;
		emit();
	};
	provider.awareness.on('change', refreshPeople);

	const editor = new Editor({
		element,
		editable: opts.canWrite,
		extensions: [
			...schemaExtensions(),
			Collaboration.configure({ document: ydoc }),
			CollaborationCaret.configure({ provider, user: { name: opts.user.name, color } })
		],
		editorProps: {
			// Refused here, before it reaches the document: an edit the server will not take would
			// otherwise be kept locally, shown as saved after a reload, and seen by nobody.
			handlePaste: (_view, _event, slice) => refuseIfTooLarge(slice),
			handleDrop: (_view, _event, slice) => refuseIfTooLarge(slice),
			attributes: {
				class: 'raccordo-editor',
				role: 'textbox',
				'aria-multiline': 'true',
				'aria-label': opts.label ?? 'Testo del documento'
			}
		},
		onTransaction: () => opts.onTransaction?.()
	});
	refreshPeople();

	function refuseIfTooLarge(slice: Slice): boolean {
		const max = opts.maxEditBytes;
		if (!max) return false;
		const bytes = estimatedUpdateBytes(slice);
		// Room for the rest of the frame and what the estimate misses.
		if (bytes <= max * 0.9) return false;
		state.tooLarge = { sizeMb: mb(bytes), maxMb: mb(max * 0.9) };
		emit();
		return true;
	}

	return {
		editor,
		provider,
		ydoc,
		/** The person has read the refused-edit message. */
		dismissTooLarge() {
			state.tooLarge = null;
			emit();
		},
		destroy() {
			clearInterval(ping);
			window.removeEventListener('online', onOnline);
			window.removeEventListener('offline', onOffline);
			editor.destroy();
			provider.destroy();
			void local.destroy();
			ydoc.destroy();
		}
	};
}
