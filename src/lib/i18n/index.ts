/**
 * Italian first, English second. Each domain keeps its strings in its own file beside this one
 * (core.ts, documents.ts, …) and registers them in DICTIONARIES; a key missing in English falls
 * back to Italian, so an untranslated string is never blank.
 */
import { core } from './core';
import { documents } from './documents';
import { plans } from './plans';
import { meetings } from './meetings';
import { decisions } from './decisions';
import { audit } from './audit';

export type Locale = 'it' | 'en';
export const LOCALES: Locale[] = ['it', 'en'];
type Dict = Record<string, string>;

const DICTIONARIES: { it: Dict; en: Dict }[] = [core, documents, meetings, plans, decisions, audit];

const merged: Record<Locale, Dict> = { it: {}, en: {} };
for (const d of DICTIONARIES) {
	Object.assign(merged.it, d.it);
	Object.assign(merged.en, d.en);
}

export function translate(
	locale: Locale,
	key: string,
	params?: Record<string, string | number>
): string {
	let s = merged[locale]?.[key] ?? merged.it[key] ?? key;
	if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
	return s;
}

/** A `t(key, params)` bound to one locale, for components: `const t = $derived(translator(locale))`. */
export function translator(locale: Locale) {
	return (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
}

/**
 * Italian unless the person chose English (profile, or the language switch for visitors). The
 * browser's Accept-Language is not followed: officials often run English-language browsers, and a
 * public administration's tool speaks Italian first.
 */
export function resolveLocale(userLocale: string | undefined, cookie: string | undefined): Locale {
	for (const candidate of [userLocale, cookie])
		if (candidate === 'it' || candidate === 'en') return candidate;
	return 'it';
}
