import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** A websocket endpoint by path prefix (e.g. '/yjs/'); socket.io and Vite's HMR route themselves. */
export interface UpgradeEndpoint {
	prefix: string;
	handle: UpgradeHandler;
}

/**
 * Routes the http server's upgrade requests to the endpoints app.ts names. `accepting` turns false
 * at shutdown: a websocket opened then would only be closed again a moment later.
 */
export function routeUpgrades(
	httpServer: HttpServer,
	endpoints: readonly UpgradeEndpoint[],
	accepting: () => boolean
): void {
	httpServer.on('upgrade', (req, socket, head) => {
		const path = (req.url ?? '').split('?')[0];
		if (path.startsWith('/socket.io')) return;
		if (!accepting()) return refuseUpgrade(socket, 503, 'Shutting down');
		for (const { prefix, handle } of endpoints) {
			if (path.startsWith(prefix)) {
				try {
					handle(req, socket, head);
				} catch {
					refuseUpgrade(socket, 500, 'Internal error');
				}
				return;
			}
		}
		// Vite's HMR socket lives on its own path in dev; anything else is not ours to accept.
		if (req.headers['sec-websocket-protocol'] === 'vite-hmr') return;
		refuseUpgrade(socket, 404, 'Not found');
	});
}

/** Writes a plain HTTP refusal on a socket that asked to upgrade, then closes it. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
	const body = reason;
	socket.end(
		`HTTP/1.1 ${status} ${reason.replace(/[^\x20-\x7e]/g, '')}\r\nConnection: close\r\n` +
			`Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
	);
}
