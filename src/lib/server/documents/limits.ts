/**
 * The realtime limits, documented in docs/realtime.md. Environment overrides exist for tests and
 * benchmarks (small thresholds make compaction and unload observable in seconds).
 */
function num(name: string, fallback: number): number {
	const v = Number(process.env[name]);
	return Number.isFinite(v) && v > 0 ? v : fallback;
}

export const LIMITS = {
	/** Largest websocket frame accepted; bigger ones close the connection (1009). */
	maxFrameBytes: num('YJS_MAX_FRAME_BYTES', 1024 * 1024),
	/** Log entries per document before they are folded into the base state. */
	compactThreshold: num('YJS_COMPACT_THRESHOLD', 500),
	/** A document with no connection is compacted and dropped from memory after this long. */
	idleUnloadMs: num('YJS_IDLE_UNLOAD_MS', 30_000),
	/** Awareness (carets, presence) is relayed at most once per interval per document, coalesced. */
	awarenessIntervalMs: num('YJS_AWARENESS_INTERVAL_MS', 100),
	/** Awareness messages applied per second per connection; faster ones wait for the next slot. */
	awarenessPerSecond: num('YJS_AWARENESS_PER_SECOND', 30),
	/** A client that does not read its socket is disconnected past this many queued bytes. */
	maxBufferedBytes: num('YJS_MAX_BUFFERED_BYTES', 8 * 1024 * 1024),
	/**
	 * Updates are stored and broadcast in batches: everything received in one event-loop turn (0),
	 * or within this many milliseconds. Merged batches mean fewer frames for every client.
	 */
	flushDelayMs: Number(process.env.YJS_FLUSH_DELAY_MS ?? 0),
	/** Ping interval; a connection that missed one pong is terminated. */
	heartbeatMs: num('YJS_HEARTBEAT_MS', 30_000)
};
