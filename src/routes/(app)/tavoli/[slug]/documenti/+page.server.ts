import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, guard } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { can } from '$lib/server/policy';
import { archive, create, list, rename } from '$lib/server/documents';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, tavolo } = tavoloFor(locals, params, url);
	const archived = url.searchParams.get('archiviati') === '1';
	return {
		documents: guard(() => list(user, tavolo.id, { includeArchived: archived })).map((d) => ({
			id: d.id,
			kind: d.kind,
			subkind: d.subkind,
			title: d.title,
			status: d.status,
			frozen: d.frozen,
			updatedAt: d.updatedAt,
			createdByName: d.createdByName,
			canManage: d.canManage
		})),
		showArchived: archived,
		canCreate: can(user, 'document.create', { tavoloId: tavolo.id })
	};
};

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		const { user, tavolo } = tavoloFor(locals, params, url);
		const result = await formAction(
			request,
			(v) =>
				create(user, tavolo.id, {
					kind: v.kind,
					subkind: v.subkind || null,
					title: v.title,
					template: true
				}),
			'create'
		);
		if ('id' in result) redirect(303, `/tavoli/${tavolo.slug}/documenti/${result.id}`);
		return result;
	},
	rename: async ({ request, locals, params, url }) => {
		const { user } = tavoloFor(locals, params, url);
		return formAction(
			request,
			(v) => {
				rename(user, v.id, v.title);
				return { ok: 'Titolo aggiornato' };
			},
			'rename'
		);
	},
	archive: async ({ request, locals, params, url }) => {
		const { user } = tavoloFor(locals, params, url);
		return formAction(
			request,
			(v) => {
				archive(user, v.id);
				return { ok: 'Documento archiviato' };
			},
			'archive'
		);
	}
};
