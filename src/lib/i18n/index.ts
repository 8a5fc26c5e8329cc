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
import { pages } from './pages';
import { audit } from './audit';

export type Locale = 'it' | 'en';
export const LOCALES: Locale[] = ['it', 'en'];

const DICTIONARIES = [core, documents, meetings, plans, decisions, pages, audit] as const;

/**
 * Every key of every dictionary, taken from the Italian half: `t('nonexistent')` and
 * `t(`meeting.rsvp.${answer}`)` with an answer that has no label both fail svelte-check.
 */
type ItalianKeys<D> = D extends { it: infer I } ? keyof I & string : never;
export type Key = ItalianKeys<(typeof DICTIONARIES)[number]>;
export type Params = Record<string, string | number>;
export type T = (key: Key, params?: Params) => string;

/** A dictionary whose English half has exactly the Italian half's keys, no fewer, no more. */
export type Balanced<D> = D extends { it: infer I; en: infer E }
	? [Exclude<keyof I, keyof E>, Exclude<keyof E, keyof I>] extends [never, never]
		? true
		: { missingInEnglish: Exclude<keyof I, keyof E>; onlyInEnglish: Exclude<keyof E, keyof I> }
	: false;
// Fails to compile, naming the keys, when a dictionary's English half drifts from its Italian one.
const balanced: [
	Balanced<typeof core>,
	Balanced<typeof documents>,
	Balanced<typeof meetings>,
	Balanced<typeof plans>,
	Balanced<typeof decisions>,
	Balanced<typeof pages>,
	Balanced<typeof audit>
] = [true, true, true, true, true, true, true];
void balanced;

type Dict = Record<string, string>;
const merged: Record<Locale, Dict> = { it: {}, en: {} };
for (const d of DICTIONARIES as readonly { it: object; en: object }[]) {
	Object.assign(merged.it, d.it);
	Object.assign(merged.en, d.en);
}

export function translate(locale: Locale, key: Key, params?: Params): string {
	let s = merged[locale]?.[key] ?? merged.it[key] ?? key;
	if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
	return s;
}

/** A `t(key, params)` bound to one locale, for components: `const t = $derived(translator(locale))`. */
export function translator(locale: Locale): T {
	return (key, params) => translate(locale, key, params);
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
