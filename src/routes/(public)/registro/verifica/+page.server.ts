import type { PageServerLoad } from './$types';
import { verifyChains } from '$lib/server/decisions';

// The public page checks the public chains: the only ones whose content the public may see.
export const load: PageServerLoad = () => {
	const r = verifyChains({ publicOnly: true });
	return {
		ok: r.ok,
		checked: r.checked,
		chains: r.chains.map((c) => ({ tavoloSlug: c.tavoloSlug, length: c.length, ok: c.ok })),
		broken: r.broken.map((b) => ({ tavoloSlug: b.tavoloSlug, ref: b.ref, reason: b.reason }))
	};
};
