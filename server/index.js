// Production entry: one Node process, one port, serving the SvelteKit app (adapter-node handler),
// socket.io, and the websocket endpoints (/yjs/<documentId>) registered by the bundled server code.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

// adapter-node assumes https when ORIGIN is unset. This server speaks plain http itself, so unless
// ORIGIN names the public address (behind a TLS proxy), each request's protocol is what it came on,
// or X-Forwarded-Proto when TRUST_PROXY=1.
const PROTO_HEADER = 'x-raccordo-protocol';
if (!process.env.ORIGIN) {
	delete process.env.ORIGIN;
	process.env.PROTOCOL_HEADER = PROTO_HEADER;
}
const trustProxy = process.env.TRUST_PROXY === '1';

// Importing the handler runs SvelteKit's init hook: migrations, demo seed, realtime registration.
const { handler } = await import(join(root, 'build', 'handler.js'));
const attachRealtime = globalThis[Symbol.for('raccordo.attachRealtime')];
if (typeof attachRealtime !== 'function')
	throw new Error('realtime module was not registered by the build');

const server = http.createServer((req, res) => {
	if (req.url === '/healthz' || req.url?.startsWith('/healthz?')) {
		// Answered before SvelteKit so monitoring (and the benchmarks' reference) measures the bare
		// server plus one database round trip.
		const health = globalThis[Symbol.for('raccordo.health')];
		const ok = typeof health === 'function' ? health() : false;
		res.writeHead(ok ? 200 : 503, {
			'content-type': 'application/json',
			'cache-control': 'no-store'
		});
		res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
		return;
	}
	// Cached public responses (the register) are served here too, before SvelteKit.
	const fast = globalThis[Symbol.for('raccordo.fastPath')];
	if (typeof fast === 'function' && fast(req, res)) return;
	const forwarded = trustProxy
		? String(req.headers['x-forwarded-proto'] ?? '')
				.split(',')[0]
				.trim()
		: '';
	req.headers[PROTO_HEADER] = forwarded === 'https' ? 'https' : 'http';
	handler(req, res);
});
attachRealtime(server);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
server.listen(port, host, () => {
	const addr = server.address();
	const shown = host === '0.0.0.0' ? 'localhost' : host;
	// Tests read this exact line to learn the port when PORT=0.
	console.log(`[raccordo] listening on http://${shown}:${addr.port}`);
});

let closing = false;
function shutdown(signal) {
	if (closing) return;
	closing = true;
	console.log(`[raccordo] ${signal}: shutting down`);
	const hooks = globalThis[Symbol.for('raccordo.shutdown')] ?? [];
	Promise.allSettled(hooks.map((fn) => fn()))
		.then(() => server.close())
		.finally(() => process.exit(0));
	setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('unhandledRejection', (reason) =>
	console.error('[raccordo] unhandled rejection:', reason)
);
