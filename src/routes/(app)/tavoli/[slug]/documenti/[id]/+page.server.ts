import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { formAction, guard } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { LIMITS } from '$lib/server/documents/limits';
import { freeze, get, listVersions, restoreVersion, saveVersion } from '$lib/server/documents';

function ctx(locals: App.Locals, params: { slug: string; id: string }, url: URL) {
	const { user, tavolo } = tavoloFor(locals, params, url);
	const doc = guard(() => get(user, params.id));
	// A document is addressed through its own tavolo only.
	if (doc.tavoloId !== tavolo.id) error(404, 'Documento non trovato');
	return { user, tavolo, doc };
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, doc } = ctx(locals, params, url);
	return {
		doc: {
			id: doc.id,
			kind: doc.kind,
			subkind: doc.subkind,
			title: doc.title,
			status: doc.status,
			frozen: doc.frozen,
			frozenAt: doc.frozenAt,
			frozenHash: doc.frozenHash,
			canWrite: doc.canWrite,
			canManage: doc.canManage
		},
		versions: guard(() => listVersions(user, doc.id)),
		me: { id: user.id, name: user.name },
		// The editor refuses, with a message, an edit the server's frame limit would reject.
		maxEditBytes: LIMITS.maxFrameBytes
	};
};

export const actions: Actions = {
	version: async ({ request, locals, params, url }) => {
		const { user, doc } = ctx(locals, params, url);
		return formAction(
			request,
			(v) => {
				saveVersion(user, doc.id, v.name);
				return { ok: `Versione «${v.name.trim()}» salvata` };
			},
			'version'
		);
	},
	restore: async ({ request, locals, params, url }) => {
		const { user, doc } = ctx(locals, params, url);
		return formAction(
			request,
			(v) => {
				restoreVersion(user, doc.id, Number(v.versionId));
				return { ok: 'Versione ripristinata come testo corrente' };
			},
			'restore'
		);
	},
	freeze: async ({ request, locals, params, url }) => {
		const { user, doc } = ctx(locals, params, url);
		return formAction(
			request,
			() => {
				const { hash } = freeze(user, doc.id);
				return { ok: `Documento approvato e bloccato (impronta SHA-256 ${hash.slice(0, 12)}…)` };
			},
			'freeze'
		);
	}
};
