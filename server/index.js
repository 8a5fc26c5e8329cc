// Production entry: one Node process, one port. It attaches the one app object (start-up,
// websocket endpoints, fast paths, shutdown: src/lib/server/app.ts) and SvelteKit's handler to an
// http server; the rest is how this process is addressed and stopped.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

// Without ORIGIN, absolute links (register pages, feeds, open data — cached and served to
// everyone) would follow whatever Host the first request sent. Production must name its address;
// local use (tests, a laptop) says so explicitly. `npm start` sets ORIGIN for its localhost demo.
if (!process.env.ORIGIN && process.env.RACCORDO_LOCAL !== '1') {
	console.error(
		'[raccordo] ORIGIN is not set. Set ORIGIN to the public address of this server ' +
			'(e.g. ORIGIN=https://raccordo.example.it), or RACCORDO_LOCAL=1 for local use only, ' +
			'where links follow each request’s Host header.'
	);
	process.exit(1);
}

// adapter-node assumes https when ORIGIN is unset. This server speaks plain http itself, so unless
// ORIGIN names the public address (behind a TLS proxy), each request's protocol is what it came on,
// or X-Forwarded-Proto when TRUST_PROXY=1.
const PROTO_HEADER = 'x-raccordo-protocol';
if (!process.env.ORIGIN) {
	delete process.env.ORIGIN;
	process.env.PROTOCOL_HEADER = PROTO_HEADER;
}
const trustProxy = process.env.TRUST_PROXY === '1';

// Importing the handler runs SvelteKit's init hook, which runs the app's start-up steps.
const { handler } = await import(join(root, 'build', 'handler.js'));
const app = globalThis[Symbol.for('raccordo.app')];
if (!app) throw new Error('the build did not create the app object (src/lib/server/app.ts)');

const server = http.createServer((req, res) => {
	if (app.serve(req, res)) return;
	const forwarded = trustProxy
		? String(req.headers['x-forwarded-proto'] ?? '')
				.split(',')[0]
				.trim()
		: '';
	req.headers[PROTO_HEADER] = forwarded === 'https' ? 'https' : 'http';
	handler(req, res);
});
app.attach(server);
// Longer than the idle timeout of the proxies and clients that reuse connections (60 s is common):
// with Node's 5 s default, a client whose connection idled just past it sends its next request on
// a socket the server is closing, and gets "socket hang up" instead of an answer.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

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
	// A stuck step must not keep the process (and its port) forever.
	setTimeout(() => {
		console.error('[raccordo] shutdown took too long; exiting');
		process.exit(1);
	}, 10_000).unref();
	app.shutdown(server).then(
		() => {
			console.log('[raccordo] stopped');
			process.exit(0);
		},
		(e) => {
			console.error('[raccordo] shutdown failed:', e);
			process.exit(1);
		}
	);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('unhandledRejection', (reason) =>
	console.error('[raccordo] unhandled rejection:', reason)
);
