// Kept apart from realtime/index.ts so that channels it imports (the Yjs endpoint) can register
// without an import cycle.
type AccessListener = (tavoloId: number) => void;
const KEY = Symbol.for('raccordo.accessListeners');
type G = typeof globalThis & { [KEY]?: Set<AccessListener> };

export function accessListeners(): Set<AccessListener> {
	return ((globalThis as G)[KEY] ??= new Set());
}

/** Live channels (e.g. the Yjs endpoint) re-check their connections when memberships change. */
export function onAccessChange(fn: AccessListener): void {
	accessListeners().add(fn);
}
