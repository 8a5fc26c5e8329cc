import { emitToTavolo } from '../realtime/index.js';

/**
 * `plan:changed` to the tavolo's open pages. `what` lets a page that follows the plan's Y.Doc
 * ignore 'actions' (it already has them, over Yjs) and reload only for 'options', which live in
 * SQL alone; a page without the document reloads for both.
 */
export function planChanged(tavoloId: number, what: 'actions' | 'options'): void {
	void emitToTavolo(tavoloId, 'plan:changed', { tavoloId, what });
}
