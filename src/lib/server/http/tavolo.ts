import type { Role } from '../policy/index.js';
import { open, type Tavolo } from '../tavoli/index.js';
import type { SessionUser } from '../auth/session.js';
import { guard, requireUser } from './kit.js';

/**
 * The signed-in user and the tavolo named by the route's `[slug]`, checked for `action`: the
 * opening of every workspace page and action. Hidden or unknown tavoli are 404 alike.
 */
export function tavoloFor(
	locals: App.Locals,
	params: { slug: string },
	url: URL,
	action: 'tavolo.see' | 'tavolo.read' | 'tavolo.manage' = 'tavolo.read'
): { user: SessionUser; tavolo: Tavolo; role: Role | null } {
	const user = requireUser(locals, url);
	const { tavolo, membership } = guard(() => open(user, params.slug, action));
	return { user, tavolo, role: membership?.role ?? null };
}
