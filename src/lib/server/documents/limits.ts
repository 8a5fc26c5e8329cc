/**
 * The realtime limits, documented in docs/realtime.md. Environment overrides exist for tests and
 * benchmarks (small thresholds make compaction and unload observable in seconds).
 */
function num(name: string, fallback: number): number {
	const v = Number(process.env[name]);
	return Number.isFinite(v) && v > 0 ? v : fallback;
}

export const LIMITS = {
	/**
	 * Largest websocket frame accepted; bigger ones close the connection (1009). Sized for pasting a
	 * whole 300-page document at once (about 1 MB of text, 3-4 MB as a Yjs update with marks); the
	 * editor refuses, with a message, an edit above it before sending it.
	 */
	maxFrameBytes: num('YJS_MAX_FRAME_BYTES', 8 * 1024 * 1024),
	/** Log entries per document before they are folded into the base state. */
	compactThreshold: num('YJS_COMPACT_THRESHOLD', 500),
	/**
	 * Compaction re-encodes the whole document, so it waits for a pause in the editing this long
	 * rather than stalling a burst of edits; past 10× the threshold it runs regardless.
	 */
	compactQuietMs: num('YJS_COMPACT_QUIET_MS', 1000),
	/** A document with no connection is compacted and dropped from memory after this long. */
	idleUnloadMs: num('YJS_IDLE_UNLOAD_MS', 30_000),
	/** Awareness (carets, presence) is relayed at most once per interval per document, coalesced. */
	awarenessIntervalMs: num('YJS_AWARENESS_INTERVAL_MS', 100),
	/** Awareness messages applied per second per connection; faster ones wait for the next slot. */
	awarenessPerSecond: num('YJS_AWARENESS_PER_SECOND', 30),
	/** A client that does not read its socket is disconnected past this many queued bytes. */
	maxBufferedBytes: num('YJS_MAX_BUFFERED_BYTES', 24 * 1024 * 1024),
	/**
	 * Updates are stored and broadcast in batches: everything received in one event-loop turn (0),
	 * or within this many milliseconds. Merged batches mean fewer frames for every client.
	 */
	flushDelayMs: Number(process.env.YJS_FLUSH_DELAY_MS ?? 0),
	/**
	 * How long one attempt to store an update may wait for another process's write lock. Short on
	 * purpose: it blocks the event loop; a failed attempt is retried with back-off.
	 */
	storeBusyMs: num('YJS_STORE_BUSY_MS', 20),
	/** First and longest wait between attempts to store updates after a storage error. */
	storeRetryMinMs: num('YJS_STORE_RETRY_MIN_MS', 100),
	storeRetryMaxMs: num('YJS_STORE_RETRY_MAX_MS', 2000),
	/** Ping interval; a connection that missed one pong is terminated. */
	heartbeatMs: num('YJS_HEARTBEAT_MS', 30_000)
};
