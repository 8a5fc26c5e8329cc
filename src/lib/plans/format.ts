import type { Stato } from './model.js';
import { translate, type Locale } from '../i18n/index.js';

const EUR = {
	it: new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }),
	en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' })
};
const NUM = {
	it: new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 }),
	en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })
};
const TAG = { it: 'it-IT', en: 'en-GB' } as const;

export const euro = (n: number, locale: Locale = 'it') => EUR[locale].format(n);
export const num = (n: number | null, locale: Locale = 'it') =>
	n == null ? '—' : NUM[locale].format(n);
export const statoLabel = (s: Stato | 'in_ritardo', locale: Locale = 'it') =>
	translate(locale, `plans.stato.${s}`);

/** 2025-03-01 → "1 mar 2025" for reading; the ISO form stays in inputs and exports. */
export function dataIt(iso: string, locale: Locale = 'it'): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso || '—';
	// A calendar date, not an instant: formatted in UTC so no timezone can move it by a day.
	return new Date(iso + 'T00:00:00Z').toLocaleDateString(TAG[locale], {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC'
	});
}

export function meseIt(ym: string, locale: Locale = 'it'): string {
	return new Date(ym + '-01T00:00:00Z').toLocaleDateString(TAG[locale], {
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC'
	});
}
