/**
 * Piani di attività: one plan per tavolo, living in a Yjs document (kind 'piano'); its 'azioni'
 * map is projected to SQL for dashboards and the cross-tavolo view. See docs/plans.md.
 *
 * Verbs take the acting user first and check access through the policy. This file is the
 * domain's public face; inside the folder imports run one way:
 * rows (SQL reads) ← options, lifecycle (create, projection follows the document) ← ops (edits),
 * view (reads) ← export; cross reads the projection tables on its own.
 */
export { withDoc } from './docs.js';
export { knownEnti } from './projection.js';
export { planOf, type Plan, type PlanOption } from './rows.js';
export { seedOptions, listOptions, addOption, renameOption, removeOption } from './options.js';
export {
	createPlan,
	createPlanUnchecked,
	candidateDocuments,
	refresh,
	subscribeProjection,
	rebuildMissing
} from './lifecycle.js';
export { view, documentState, sections, type PlanView, type Block } from './view.js';
export { applyOps, type PlanOp } from './ops.js';
export { crossTavolo, type CrossRow, type CrossFigures } from './cross.js';
export { exportCsv, exportJson } from './export.js';
