import { rebuildMissing, subscribeProjection } from './lifecycle.js';

/** Start-up: keep the projection following the documents, rebuild any projection missing. */
export function startPlans(): void {
	subscribeProjection();
	const n = rebuildMissing();
	if (n) console.log(`[raccordo] Piani: proiezione ricostruita per ${n} piani`);
}
