/**
 * Live Yjs documents held in memory while someone (a connection or a server-side reader) uses
 * them. The order that makes the server durable lives here: an update is applied to the live
 * document, appended to SQLite, and only then broadcast — batched per event-loop turn, so ten
 * writers at once cost one SQLite transaction and one frame per connection, not ten.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { LIMITS } from './limits.js';
import { trace } from './trace.js';
import {
	awarenessMessage,
	readOnlyMessage,
	storageMessage,
	syncUpdateMessage,
	STORAGE_FAILING,
	STORAGE_OK
} from './protocol.js';
import { appendUpdate, compactLive, loadStored, logLength, touch } from './store.js';

/** One websocket (or test double) attached to a live document. */
export interface Conn {
	userId: number;
	canWrite: boolean;
	/** Awareness client ids this connection announced, removed when it leaves. */
	awarenessIds: Set<number>;
	send(data: Uint8Array): void;
	close(code: number, reason: string): void;
}

export type ChangeListener = (documentId: string, ydoc: Y.Doc) => void;

const DOCS = Symbol.for('raccordo.yjs.docs');
const LISTENERS = Symbol.for('raccordo.yjs.listeners');
type G = typeof globalThis & { [DOCS]?: Map<string, LiveDoc>; [LISTENERS]?: Set<ChangeListener> };

export function liveDocs(): Map<string, LiveDoc> {
	return ((globalThis as G)[DOCS] ??= new Map());
}

export function changeListeners(): Set<ChangeListener> {
	return ((globalThis as G)[LISTENERS] ??= new Set());
}

/** One log line per storage outage per document, not one per attempt. */
function reportStorageError(id: string, e: Error, attempt: number): void {
	if (attempt === 1 || attempt % 50 === 0)
		console.error(
			`[raccordo] yjs ${id}: updates not stored (attempt ${attempt}, retrying): ${String(e).slice(0, 200)}`
		);
}

export class LiveDoc {
	readonly ydoc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly conns = new Set<Conn>();
	/** Server-side users (withDoc) currently holding the document. */
	holds = 0;
	private pending: Uint8Array[] = [];
	private flushQueued = false;
	private logCount: number;
	private lastTouch = 0;
	private idleTimer: ReturnType<typeof setTimeout> | null = null;
	private awarenessChanged = new Set<number>();
	private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
	private compactTimer: ReturnType<typeof setTimeout> | null = null;
	/** Failed attempts in a row to store the pending updates; 0 while storage works. */
	storageFailures = 0;
	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	/** Sync answers held back until what the document holds is stored (see whenStored). */
	private afterStore: (() => void)[] = [];
	unloaded = false;

	constructor(readonly id: string) {
		this.ydoc = new Y.Doc();
		// Loaded synchronously, before any handler is attached: nothing can answer a client's sync
		// step 1 with an empty document, and the stored state is not logged a second time.
		const { base, updates } = loadStored(id);
		// One transaction for the whole log: applying 10,000 small updates this way takes tens of
		// milliseconds, where Y.mergeUpdates over them all takes seconds (it is not linear).
		Y.transact(this.ydoc, () => {
			if (base) Y.applyUpdate(this.ydoc, base);
			for (const update of updates) Y.applyUpdate(this.ydoc, update);
		});
		this.logCount = updates.length;
		// A long log (e.g. after a crash, or written by an older threshold) is folded right after
		// this first open, so the next open reads one base state.
		if (this.logCount >= LIMITS.compactThreshold)
			setImmediate(() => !this.unloaded && this.compact());
		this.ydoc.on('update', (update: Uint8Array) => {
			this.pending.push(update);
			if (!this.flushQueued) {
				this.flushQueued = true;
				if (LIMITS.flushDelayMs > 0) setTimeout(() => this.flush(), LIMITS.flushDelayMs);
				else setImmediate(() => this.flush());
			}
		});
		this.awareness = new awarenessProtocol.Awareness(this.ydoc);
		// The server is not a participant: it has no caret of its own.
		this.awareness.setLocalState(null);
		this.awareness.on(
			'update',
			(
				{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
				origin: unknown
			) => {
				const conn = origin as Conn | null;
				if (conn && this.conns.has(conn)) {
					for (const id of added) conn.awarenessIds.add(id);
					for (const id of removed) conn.awarenessIds.delete(id);
				}
				for (const id of [...added, ...updated, ...removed]) this.awarenessChanged.add(id);
				this.queueAwareness();
			}
		);
	}

	/**
	 * Persist, then broadcast, every update applied since the last flush. When storage fails the
	 * updates stay pending (in memory, merged), nobody receives them, the writers are told, and the
	 * flush is retried with back-off until storage takes them again.
	 */
	flush(): void {
		this.flushQueued = false;
		if (!this.pending.length || this.retryTimer) return;
		trace?.mark('wait');
		const batch = this.pending;
		this.pending = [];
		const update = batch.length === 1 ? batch[0] : Y.mergeUpdates(batch);
		const failed = appendUpdate(this.id, update);
		if (failed) return this.storageFailed(update, failed);
		trace?.mark('append');
		this.logCount++;
		const now = Date.now();
		if (now - this.lastTouch > 10_000) {
			this.lastTouch = now;
			touch(this.id);
		}
		// Sent back to the writer too: the echo is how a client learns its change is stored
		// ("tutte le modifiche salvate").
		const message = syncUpdateMessage(update);
		for (const conn of this.conns) conn.send(message);
		trace?.mark('send');
		if (this.storageFailures) this.storageRecovered();
		if (this.afterStore.length) this.runAfterStore();
		for (const listener of changeListeners()) {
			try {
				listener(this.id, this.ydoc);
			} catch (e) {
				console.error('[raccordo] document change listener failed:', e);
			}
		}
		this.maybeCompact();
	}

	/** True when everything the live document holds is in SQLite. */
	get stored(): boolean {
		return this.pending.length === 0 && this.storageFailures === 0;
	}

	/**
	 * Runs fn now if everything applied is stored, else after the next successful flush. A sync
	 * answer carries the whole document: sent early, it would show a newcomer updates that are not
	 * stored yet (and that a crash during a storage outage would lose).
	 */
	whenStored(fn: () => void): void {
		if (this.stored) fn();
		else this.afterStore.push(fn);
	}

	private runAfterStore(): void {
		const waiting = this.afterStore;
		this.afterStore = [];
		for (const fn of waiting) fn();
	}

	private storageFailed(update: Uint8Array, e: Error): void {
		// Kept first: updates that arrive meanwhile are merged after it.
		this.pending.unshift(update);
		this.storageFailures++;
		reportStorageError(this.id, e, this.storageFailures);
		if (this.storageFailures === 1) {
			const message = storageMessage(STORAGE_FAILING);
			for (const conn of this.conns) if (conn.canWrite) conn.send(message);
		}
		const delay = Math.min(
			LIMITS.storeRetryMinMs * 2 ** Math.min(this.storageFailures - 1, 10),
			LIMITS.storeRetryMaxMs
		);
		this.retryTimer = setTimeout(() => {
			this.retryTimer = null;
			if (this.pending.length > 1) this.pending = [Y.mergeUpdates(this.pending)];
			this.flush();
		}, delay);
	}

	stopRetrying(): void {
		if (this.retryTimer) clearTimeout(this.retryTimer);
		this.retryTimer = null;
	}

	private storageRecovered(): void {
		console.error(
			`[raccordo] yjs ${this.id}: storage works again after ${this.storageFailures} failed attempts`
		);
		this.storageFailures = 0;
		const message = storageMessage(STORAGE_OK);
		for (const conn of this.conns) if (conn.canWrite) conn.send(message);
	}

	/**
	 * Past the threshold, compaction waits for a quiet moment: folding the log re-encodes the whole
	 * document (tens of milliseconds on a large one), and doing it between a writer's update and
	 * the next broadcast is what made the slowest deliveries slow. A document edited without pause
	 * is still compacted once its log reaches ten times the threshold.
	 */
	private maybeCompact(): void {
		if (this.logCount >= LIMITS.compactThreshold * 10) return this.compact();
		if (this.logCount < LIMITS.compactThreshold) return;
		if (this.compactTimer) clearTimeout(this.compactTimer);
		this.compactTimer = setTimeout(() => {
			this.compactTimer = null;
			if (!this.unloaded) this.compact();
		}, LIMITS.compactQuietMs);
		this.compactTimer.unref?.();
	}

	compact(): void {
		if (this.compactTimer) clearTimeout(this.compactTimer);
		this.compactTimer = null;
		this.flush();
		// Not while updates are waiting to be stored: the base state would contain them.
		if (!this.stored) return;
		if (this.logCount === 0 && logLength(this.id) === 0) return;
		if (compactLive(this.id, Y.encodeStateAsUpdate(this.ydoc))) this.logCount = 0;
	}

	private queueAwareness(): void {
		if (this.awarenessTimer) return;
		this.awarenessTimer = setTimeout(() => {
			this.awarenessTimer = null;
			const ids = [...this.awarenessChanged];
			this.awarenessChanged.clear();
			if (!ids.length || !this.conns.size) return;
			const message = awarenessMessage(this.awareness, ids);
			for (const conn of this.conns) conn.send(message);
		}, LIMITS.awarenessIntervalMs);
	}

	addConn(conn: Conn): void {
		this.cancelIdle();
		this.conns.add(conn);
	}

	removeConn(conn: Conn): void {
		if (!this.conns.delete(conn)) return;
		if (conn.awarenessIds.size)
			awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
		this.scheduleIdle();
	}

	/** Every open connection becomes read-only at once (freeze, archive). */
	setReadOnly(reason: string): void {
		const message = readOnlyMessage(reason);
		for (const conn of this.conns) {
			conn.canWrite = false;
			conn.send(message);
		}
	}

	cancelIdle(): void {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
	}

	scheduleIdle(): void {
		if (this.conns.size || this.holds) return;
		this.cancelIdle();
		this.idleTimer = setTimeout(() => this.unload(), LIMITS.idleUnloadMs);
		this.idleTimer.unref?.();
	}

	unload(): void {
		if (this.unloaded || this.conns.size || this.holds) return;
		this.compact();
		// Updates not yet stored stay in memory until storage takes them.
		if (!this.stored) {
			this.cancelIdle();
			this.idleTimer = setTimeout(() => this.unload(), LIMITS.idleUnloadMs);
			this.idleTimer.unref?.();
			return;
		}
		this.unloaded = true;
		this.cancelIdle();
		if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
		this.awareness.destroy();
		this.ydoc.destroy();
		liveDocs().delete(this.id);
	}
}

/** The live document, loaded from SQLite if it is not in memory. */
export function acquire(id: string): LiveDoc {
	const docs = liveDocs();
	let doc = docs.get(id);
	if (!doc) {
		doc = new LiveDoc(id);
		docs.set(id, doc);
	}
	return doc;
}

/** Runs fn on the live document; an idle document is unloaded again later. */
export function withLive<T>(id: string, fn: (doc: LiveDoc) => T): T {
	const doc = acquire(id);
	doc.holds++;
	try {
		return fn(doc);
	} finally {
		doc.holds--;
		doc.scheduleIdle();
	}
}

/** Compacts and drops every live document (graceful shutdown). */
export function unloadAll(): void {
	for (const doc of [...liveDocs().values()]) {
		doc.compact();
		if (!doc.stored)
			console.error(`[raccordo] yjs ${doc.id}: shutting down with updates not stored`);
		for (const conn of doc.conns) conn.close(1001, 'Server in arresto');
		doc.conns.clear();
		doc.holds = 0;
		doc.unload();
		doc.stopRetrying();
	}
}
