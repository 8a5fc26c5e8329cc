/**
 * Who hears of a publication: the open decision lists of the tavolo (a live event, re-checked per
 * socket) and the followers who may read the decision (in-app notification, e-mail with SMTP), each
 * in their own language.
 */
import { db } from '../db/index.js';
import { decide, membershipOf } from '../policy/index.js';
import { notify } from '../notifications/index.js';
import { emitToTavolo } from '../realtime/index.js';
import { translate, translator, type Locale, type T } from '../../i18n/index.js';
import { outcomeKey } from '../../decisions/model.js';
import type { Row } from './rows.js';

/** The live event of the tavolo room: `decision:published` with the ids a page filters on. */
export function announcePublished(row: Row, ref: string): void {
	const target = { tavoloId: row.tavoloId, visibility: row.visibility };
	void emitToTavolo(row.tavoloId, 'decision:published', { id: row.id, ref }, (u, m) =>
		decide(u, m, 'decision.read', target)
	);
}

interface Follower {
	id: number;
	email: string;
	name: string;
	isAdmin: number;
	locale: Locale;
}

/** Followers who may read the decision get an in-app notification (and an e-mail with SMTP). */
export async function notifyFollowers(row: Row, ref: string): Promise<void> {
	const followers = db()
		.prepare(
			'SELECT u.id, u.email, u.name, u.is_admin AS isAdmin, u.locale FROM decision_follows f JOIN users u ON u.id = f.user_id WHERE f.tavolo_id = ?'
		)
		.all(row.tavoloId) as Follower[];
	const target = {
		tavoloId: row.tavoloId,
		isPublic: !!row.tavoloIsPublic,
		visibility: row.visibility
	};
	const byLocale = new Map<Locale, number[]>();
	for (const f of followers) {
		const m = membershipOf(f.id, row.tavoloId);
		const user = { ...f, isAdmin: !!f.isAdmin };
		if (!decide(user, m, 'decision.read', target)) continue;
		const locale: Locale = f.locale === 'en' ? 'en' : 'it';
		(byLocale.get(locale) ?? byLocale.set(locale, []).get(locale)!).push(f.id);
	}
	for (const [locale, ids] of byLocale) {
		const t = translator(locale);
		await notify(ids, {
			kind: 'decisione.pubblicata',
			tavoloId: row.tavoloId,
			title: t('dec.notify.title', { ref, title: row.title }),
			body: t('dec.notify.body', {
				tavolo: row.tavoloName,
				outcome: t(outcomeKey(row.outcome))
			}),
			url: `/tavoli/${row.tavoloSlug}/decisioni/${row.id}`,
			email: {}
		});
	}
}
