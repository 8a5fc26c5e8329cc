import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { guard } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { get, getVersion } from '$lib/server/documents';
import { STATO_LABEL } from '$lib/plans/model';
import { euro } from '$lib/plans/projection';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, tavolo } = tavoloFor(locals, params, url);
	const doc = guard(() => get(user, params.id));
	if (doc.tavoloId !== tavolo.id) error(404, 'Documento non trovato');
	const versionId = Number(params.versionId);
	if (!Number.isInteger(versionId)) error(404, 'Versione non trovata');
	const v = guard(() => getVersion(user, doc.id, versionId));
	return {
		doc: { id: doc.id, title: doc.title, canManage: doc.canManage },
		version: {
			id: v.id,
			name: v.name,
			authorName: v.authorName,
			createdAt: v.createdAt,
			hash: v.hash,
			content: v.content,
			// A plan's version also holds its actions (restoring brings them back too).
			actions:
				v.actions?.map((a) => ({
					id: a.id,
					titolo: a.titolo || '—',
					stato: STATO_LABEL[a.stato],
					inizio: a.inizio || '—',
					fine: a.fine || '—',
					budget: a.budget !== null ? euro(a.budget) : a.budgetRaw || '—'
				})) ?? null
		}
	};
};
