import { AsyncLocalStorage } from 'node:async_hooks';
import { truncateIp } from './ip.js';

/**
 * Where the current change comes from. The hooks run each request inside `withRequest`, so a verb
 * deep in a domain records the caller's (truncated) address without every signature carrying it.
 * One store per process: Vite and the custom server may load this module twice.
 */
export interface RequestContext {
	ip: string;
}

const KEY = Symbol.for('raccordo.audit.context');
type G = typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };
const g = globalThis as G;
const store = (g[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function withRequest<T>(rawIp: string | null | undefined, fn: () => T): T {
	return store.run({ ip: truncateIp(rawIp) }, fn);
}

export function currentIp(): string {
	return store.getStore()?.ip ?? '';
}
