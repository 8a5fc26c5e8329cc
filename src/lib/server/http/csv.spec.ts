import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { toCsvText } from './csv';

const HOSTILE = [
	'=HYPERLINK("http://evil.example","clic")',
	'+1+1',
	'-2+3',
	'@SUM(A1)',
	'\tTAB',
	'\rCR',
	'riga\ncon a capo',
	'virgolette "doppie"',
	'punto; e virgola, e virgola',
	' spazio iniziale'
];

describe('toCsvText', () => {
	for (const delimiter of [',', ';'] as const) {
		it(`neutralises formulas and round-trips every cell with "${delimiter}"`, () => {
			const text = toCsvText(['a', 'b'], [HOSTILE.map((h) => h), [null, undefined]], delimiter);
			expect(text.startsWith('\uFEFF')).toBe(true);
			const rows = parse(text.slice(1), { delimiter, relax_column_count: true }) as string[][];
			expect(rows).toHaveLength(3);
			rows[1].forEach((cell, i) => {
				// Formula starters come back prefixed with a quote, so a spreadsheet shows them as text.
				const expected = /^[=+\-@\t\r]/.test(HOSTILE[i]) ? `'${HOSTILE[i]}` : HOSTILE[i];
				expect(cell).toBe(expected);
				expect(cell).not.toMatch(/^[=+\-@\t\r]/);
			});
			expect(rows[2]).toEqual(['', '']);
		});
	}
});
