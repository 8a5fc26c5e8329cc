/**
 * What the plan table's components share: the context they are given (labels, lists, the one
 * edit function) and the pure filtering and sorting of rows.
 */
import type { Locale, T } from '$lib/i18n';
import type { ActionRow } from '$lib/plans/projection';
import { displayStato, isOverdue } from '$lib/plans/projection';
import type { Op } from '$lib/plans/ops';

export interface Option {
	id: number;
	kind: 'priorita' | 'fondo';
	code: string;
	label: string;
}

export interface PlanCtx {
	t: T;
	locale: Locale;
	today: string;
	writable: boolean;
	enteName: Map<number, string>;
	/** Member enti first, then the others, by name. */
	entiOrdered: { id: number; name: string }[];
	funds: Option[];
	priorities: Option[];
	edit: (ops: Op[], done?: string) => Promise<{ added: string[] } | null>;
	/** Shows a problem the person must fix (an alert), without editing. */
	fail: (message: string) => void;
}

export type SortKey = 'ordine' | 'titolo' | 'capofila' | 'inizio' | 'fine' | 'stato' | 'budget';

export interface Filters {
	ente: string;
	stato: string;
	fondo: string;
	priorita: string;
}

export const issueOf = (r: ActionRow, field: string) =>
	r.issues.find((i) => i.field === field)?.message;

/** A number as it goes back into an input: what was typed when invalid, else Italian decimals. */
export const numText = (v: number | null, raw: string | null) =>
	raw ?? (v == null ? '' : String(v).replace('.', ','));

export function visibleRows(
	rows: ActionRow[],
	f: Filters,
	sort: { key: SortKey; dir: 1 | -1 },
	today: string,
	enteName: Map<number, string>
): ActionRow[] {
	const value = (r: ActionRow): string | number => {
		if (sort.key === 'capofila') return r.capofila ? (enteName.get(r.capofila) ?? '') : '';
		if (sort.key === 'budget') return r.budget ?? -1;
		if (sort.key === 'stato') return displayStato(r, today);
		return r[sort.key];
	};
	return rows
		.filter((r) => !f.ente || r.capofila === Number(f.ente) || r.partner.includes(Number(f.ente)))
		.filter(
			(r) => !f.stato || (f.stato === 'in_ritardo' ? isOverdue(r, today) : r.stato === f.stato)
		)
		.filter((r) => !f.fondo || r.fondo === f.fondo)
		.filter((r) => !f.priorita || r.priorita === f.priorita)
		.toSorted((a, b) => {
			const x = value(a);
			const y = value(b);
			return (
				(typeof x === 'number' && typeof y === 'number'
					? x - y
					: String(x).localeCompare(String(y), 'it')) * sort.dir
			);
		});
}
