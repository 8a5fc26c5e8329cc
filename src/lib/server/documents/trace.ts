/**
 * Where the server's time goes between receiving an update and the last socket write of its
 * broadcast, stage by stage. Off unless YJS_TRACE=1 (the benchmark turns it on and reads it over
 * the probe, bench/servers/probe.mjs); when off, each stage costs one null check.
 *
 * Stages, in order: frame (websocket message to decoded sync message), validate (the whole update
 * decoded before anything is applied), apply (integrated into the live document), wait (until the
 * batch is flushed at the end of the event-loop turn), append (SQLite), send (one write per
 * connection). A batch of several updates is one sample, timed from its last update.
 */
export const STAGES = ['frame', 'validate', 'apply', 'wait', 'append', 'send'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * What the probe reads, in microseconds: per stage and for the whole path, the median; and where
 * the slowest 1 % of updates spent their time (mean of each stage over them, so the row adds up).
 */
export interface StageFigures {
	samples: number;
	median: Record<Stage | 'total', number>;
	slowest: Record<Stage | 'total', number>;
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

	/** Figures since the last reset. */
	take(reset: boolean): StageFigures {
		const columns = [...STAGES, 'total'] as const;
		const row = (f: (i: number) => number) =>
			Object.fromEntries(columns.map((name, i) => [name, Math.round(f(i) * 1000)])) as Record<
				Stage | 'total',
				number
			>;
		const n = this.samples.length;
		const total = columns.length - 1;
		const slowest = [...this.samples]
			.sort((a, b) => b[total] - a[total])
			.slice(0, Math.max(1, Math.ceil(n / 100)));
		const figures = {
			samples: n,
			median: row((i) => {
				const s = this.samples.map((r) => r[i] ?? 0).sort((a, b) => a - b);
				return n ? s[Math.floor((n - 1) / 2)] : NaN;
			}),
			slowest: row((i) => (n ? slowest.reduce((a, r) => a + (r[i] ?? 0), 0) / slowest.length : NaN))
		};
		if (reset) this.samples = [];
		return figures;
	}
}

const KEY = Symbol.for('raccordo.yjs.trace');
type G = typeof globalThis & { [KEY]?: UpdateTrace };

export const trace: UpdateTrace | null =
	process.env.YJS_TRACE === '1' ? ((globalThis as G)[KEY] ??= new UpdateTrace()) : null;
