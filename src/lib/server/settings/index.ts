/**
 * Settings the platform admin sets in the app rather than in the environment, because they change
 * without a redeploy: the accessibility statement is renewed every year on AgID's form, and the
 * privacy notice is the controller's text, not the software's.
 */
import { z } from 'zod';
import { db } from '../db/index.js';
import { record } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertPlatformAdmin } from '../policy/index.js';
import { fromZod } from '../errors.js';

export interface Settings {
	/** The published accessibility statement (AgID's form.agid.gov.it or the administration's site). */
	accessibilityStatementUrl: string;
	/** The privacy notice (GDPR art. 13), plain text with blank lines between paragraphs. */
	privacyNotice: string;
}

const KEYS: Record<keyof Settings, string> = {
	accessibilityStatementUrl: 'accessibility.statement_url',
	privacyNotice: 'privacy.notice'
};

const input = z.object({
	accessibilityStatementUrl: z
		.string()
		.trim()
		.max(2000, 'Indirizzo troppo lungo')
		.refine((s) => s === '' || /^https?:\/\/[^\s]+$/.test(s), {
			message: 'Indica un indirizzo che inizia con https:// (o lascia vuoto)'
		}),
	privacyNotice: z.string().trim().max(50_000, 'Testo troppo lungo (massimo 50.000 caratteri)')
});

/** Readable by anyone: both are public texts (footer link, privacy page). */
export function getSettings(): Settings {
	const rows = db().prepare('SELECT key, value FROM settings').all() as {
		key: string;
		value: string;
	}[];
	const by = new Map(rows.map((r) => [r.key, r.value]));
	return {
		accessibilityStatementUrl: by.get(KEYS.accessibilityStatementUrl) ?? '',
		privacyNotice: by.get(KEYS.privacyNotice) ?? ''
	};
}

export function updateSettings(user: SessionUser, values: Record<string, unknown>): Settings {
	assertPlatformAdmin(user);
	const parsed = input.safeParse({
		accessibilityStatementUrl: values.accessibilityStatementUrl ?? '',
		privacyNotice: values.privacyNotice ?? ''
	});
	if (!parsed.success) throw fromZod(parsed.error);
	const put = db().prepare(
		`INSERT INTO settings (key, value, updated_by) VALUES (?, ?, ?)
		 ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by,
		 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`
	);
	db().transaction(() => {
		for (const k of Object.keys(KEYS) as (keyof Settings)[])
			put.run(KEYS[k], parsed.data[k], user.id);
		record(db(), { actor: user, action: 'settings.updated', target: ['settings', 'platform'] });
	})();
	return parsed.data;
}
