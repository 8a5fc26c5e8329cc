import type { Stato } from './model.js';
import { translate, type Locale } from '../i18n/index.js';
import { formatDay, formatMonth } from '../rome.js';

const EUR = {
	it: new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }),
	en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' })
};
const NUM = {
	it: new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 }),
	en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })
};

export const euro = (n: number, locale: Locale = 'it') => EUR[locale].format(n);
export const num = (n: number | null, locale: Locale = 'it') =>
	n == null ? '—' : NUM[locale].format(n);
export const statoLabel = (s: Stato | 'in_ritardo', locale: Locale = 'it') =>
	translate(locale, `plans.stato.${s}`);

/** 2025-03-01 → "1 mar 2025" for reading; the ISO form stays in inputs and exports. */
export const dataIt = (iso: string, locale: Locale = 'it') => formatDay(iso, locale);
export const meseIt = (ym: string, locale: Locale = 'it') => formatMonth(ym, locale);
