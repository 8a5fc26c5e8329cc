import { STATO_LABEL, type Stato } from './model.js';

const EUR = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });
const NUM = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

export const euro = (n: number) => EUR.format(n);
export const num = (n: number | null) => (n == null ? '—' : NUM.format(n));
export const statoLabel = (s: Stato | 'in_ritardo') => STATO_LABEL[s];

/** 2025-03-01 → "1 mar 2025" for reading; the ISO form stays in inputs and exports. */
export function dataIt(iso: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso || '—';
	return new Date(iso + 'T00:00:00Z').toLocaleDateString('it-IT', {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC'
	});
}

export function meseIt(ym: string): string {
	return new Date(ym + '-01T00:00:00Z').toLocaleDateString('it-IT', {
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC'
	});
}
