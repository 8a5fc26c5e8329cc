import { db } from './db/index.js';

export function healthy(): boolean {
	try {
		return (db().prepare('SELECT 1 AS ok').get() as { ok: number }).ok === 1;
	} catch {
		return false;
	}
}

(globalThis as Record<symbol, unknown>)[Symbol.for('raccordo.health')] = healthy;

type Hook = () => void | Promise<void>;
const KEY = Symbol.for('raccordo.shutdown');

/** Work to finish on SIGTERM/SIGINT before the process exits (flushing documents, closing DB). */
export function onShutdown(fn: Hook): void {
	const g = globalThis as Record<symbol, Hook[]>;
	(g[KEY] ??= []).push(fn);
}
