// Preloaded (node --import) into every server the benchmark starts, Raccordo and references alike:
// answers memory queries over the IPC channel, after a full GC when asked (needs --expose-gc).
if (process.send) {
	process.on('message', (m) => {
		if (!m || m.type !== 'mem') return;
		if (m.gc && typeof globalThis.gc === 'function') {
			globalThis.gc();
			globalThis.gc();
		}
		const u = process.memoryUsage();
		process.send({ type: 'mem', id: m.id, rss: u.rss, heapUsed: u.heapUsed });
	});
	// The IPC channel must not keep a server alive on its own, nor end it.
	process.channel?.unref();
}
