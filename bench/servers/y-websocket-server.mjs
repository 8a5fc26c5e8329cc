// Reference 1: @y/websocket-server 0.1.1 as its README runs it (in memory, no auth).
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { getYDoc, setupWSConnection } from '@y/websocket-server/utils';

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => res.end('okay'));
server.on('upgrade', (req, socket, head) =>
	wss.handleUpgrade(req, socket, head, (ws) => {
		if (timing) timing.watch(ws, req);
		setupWSConnection(ws, req);
	})
);
server.listen(0, '127.0.0.1', () => console.log(`listening on port ${server.address().port}`));

/**
 * With YJS_TRACE=1, the same whole-path figure Raccordo's server keeps (from a websocket message to
 * the last socket write of its broadcast), taken from the outside: a message listener registered
 * before the server's, and an update listener registered after the one that broadcasts.
 */
const timing =
	process.env.YJS_TRACE === '1'
		? (() => {
				let arrived = 0;
				let samples = [];
				const docs = new Set();
				const t = {
					watch(ws, req) {
						ws.on('message', () => (arrived = performance.now()));
						const doc = getYDoc((req.url || '').slice(1).split('?')[0]);
						if (docs.has(doc)) return;
						docs.add(doc);
						doc.on('update', () => samples.push(performance.now() - arrived));
					},
					// The same shape as Raccordo's trace (src/lib/server/documents/trace.ts): the whole path only.
					take(reset) {
						const taken = { columns: ['total'], samples: samples.map((ms) => [ms]) };
						if (reset) samples = [];
						return taken;
					}
				};
				globalThis[Symbol.for('raccordo.yjs.trace')] = t;
				return t;
			})()
		: null;
