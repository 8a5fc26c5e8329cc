import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const KEY = Symbol.for('raccordo.upgrades');
type G = typeof globalThis & { [KEY]?: Map<string, UpgradeHandler> };

/** Websocket endpoints by path prefix (e.g. '/yjs/'); socket.io and Vite's HMR route themselves. */
export function upgradeHandlers(): Map<string, UpgradeHandler> {
	const g = globalThis as G;
	return (g[KEY] ??= new Map());
}

export function registerUpgrade(prefix: string, handler: UpgradeHandler): void {
	upgradeHandlers().set(prefix, handler);
}

/** Writes a plain HTTP refusal on a socket that asked to upgrade, then closes it. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
	const body = reason;
	socket.end(
		`HTTP/1.1 ${status} ${reason.replace(/[^\x20-\x7e]/g, '')}\r\nConnection: close\r\n` +
			`Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
	);
}
