/**
 * Where the server's time goes between receiving an update and the last socket write of its
 * broadcast, stage by stage. Off unless YJS_TRACE=1 (the benchmark turns it on, reads the samples
 * over its probe, bench/servers/probe.mjs, and computes the figures); when off, each stage costs
 * one null check.
 *
 * Stages, in order: frame (websocket message to decoded sync message), validate (the whole update
 * decoded before anything is applied), apply (integrated into the live document), wait (until the
 * batch is flushed at the end of the event-loop turn), append (SQLite), send (one write per
 * connection). A batch of several updates is one sample, timed from its last update.
 */
export const STAGES = ['frame', 'validate', 'apply', 'wait', 'append', 'send'] as const;
export type Stage = (typeof STAGES)[number];

/** What the probe passes on: one row per update, milliseconds, in the order of `columns`. */
export interface TraceSamples {
	columns: string[];
	samples: number[][];
}

class UpdateTrace {
	private arrived = 0;
	private start = 0;
	private last = 0;
	private current: number[] = [];
	/** Between an update's 'frame' and its 'send'; marks outside that (server-side edits) are not samples. */
	private active = false;
	private samples: number[][] = [];

	/** A websocket message arrived; it becomes a sample if it is an update (mark('frame')). */
	received(): void {
		this.arrived = performance.now();
	}

	mark(stage: Stage): void {
		const now = performance.now();
		if (stage === 'frame') {
			this.start = this.last = this.arrived;
			this.current = [];
			this.active = true;
		}
		if (!this.active) return;
		this.current[STAGES.indexOf(stage)] = now - this.last;
		this.last = now;
		if (stage === 'send') {
			// Bounded: left on without a reader, it keeps the first 100,000 updates.
			if (this.samples.length < 100_000) this.samples.push([...this.current, now - this.start]);
			this.active = false;
		}
	}

	/** The samples since the last reset. */
	take(reset: boolean): TraceSamples {
		const taken = { columns: [...STAGES, 'total'], samples: this.samples };
		this.samples = reset ? [] : [...this.samples];
		return taken;
	}
}

const KEY = Symbol.for('raccordo.yjs.trace');
type G = typeof globalThis & { [KEY]?: UpdateTrace };

export const trace: UpdateTrace | null =
	process.env.YJS_TRACE === '1' ? ((globalThis as G)[KEY] ??= new UpdateTrace()) : null;
