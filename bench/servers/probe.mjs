// Preloaded (node --import) into every server the benchmark starts, Raccordo and references alike:
// answers memory queries over the IPC channel (after a full GC when asked, needs --expose-gc) and
// event-loop delay queries (how long the server itself kept work waiting during a load window).
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

if (process.send) {
	const loop = monitorEventLoopDelay({ resolution: 1 });
	loop.enable();
	let gcMax = 0;
	let gcTotal = 0;
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) {
			gcMax = Math.max(gcMax, e.duration);
			gcTotal += e.duration;
		}
	}).observe({ entryTypes: ['gc'] });
	process.on('message', (m) => {
		if (!m || typeof m !== 'object') return;
		if (m.type === 'mem') {
			if (m.gc && typeof globalThis.gc === 'function') {
				globalThis.gc();
				globalThis.gc();
			}
			const u = process.memoryUsage();
			process.send({ type: 'mem', id: m.id, rss: u.rss, heapUsed: u.heapUsed });
		} else if (m.type === 'loop') {
			// Figures since the last reset (ms); a query with reset:true starts a new window.
			process.send({
				type: 'loop',
				id: m.id,
				p99: loop.percentile(99) / 1e6,
				max: loop.max / 1e6,
				cpu: process.cpuUsage(),
				gcMax,
				gcTotal,
				// The server's own per-stage timings of the update path, when it keeps them (YJS_TRACE=1).
				stages: globalThis[Symbol.for('raccordo.yjs.trace')]?.take(Boolean(m.reset)) ?? null
			});
			if (m.reset) {
				loop.reset();
				gcMax = gcTotal = 0;
			}
		}
	});
	// The IPC channel must not keep a server alive on its own, nor end it.
	process.channel?.unref();
}
