import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer of every export (register open data, plan actions). csv-stringify quotes
 * what needs quoting and, with `escape_formulas`, prefixes a cell that starts with `=`, `+`, `-`,
 * `@`, tab or carriage return with a single quote: a spreadsheet would otherwise evaluate it as a
 * formula (CSV injection, OWASP). A lone CR or LF inside a cell is always quoted, since the record
 * delimiter is CRLF and a bare one would otherwise split the row in some readers.
 * Output: UTF-8 with BOM (so spreadsheet programs read the accents), CRLF line ends.
 */
export function toCsvText(
	header: readonly string[],
	rows: readonly (readonly unknown[])[],
	delimiter: ',' | ';' = ','
): string {
	return stringify([header as string[], ...rows.map((r) => r.map(cell))], {
		delimiter,
		bom: true,
		record_delimiter: 'windows',
		escape_formulas: true,
		quoted_match: /[\r\n]|^\s|\s$/
	});
}

function cell(v: unknown): string {
	return v === null || v === undefined ? '' : String(v);
}
