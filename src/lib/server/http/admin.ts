import { error } from '@sveltejs/kit';
import type { SessionUser } from '../auth/session.js';
import { isPlatformAdmin } from '../policy/index.js';
import { requireUser } from './kit.js';

export function requireAdmin(locals: App.Locals, url: URL): SessionUser {
	const user = requireUser(locals, url);
	if (!isPlatformAdmin(user)) error(403, 'Riservato all’amministrazione della piattaforma');
	return user;
}
