import { describe, expect, it } from 'vitest';
import { romeLocalIso, romeParts, romeToUtc } from './rome';
import { requiredFor } from './server/meetings/index';

describe('Europe/Rome wall clock ⇄ UTC', () => {
	it('uses +01:00 in winter and +02:00 in summer, switching on the last Sundays of March and October', () => {
		expect(romeToUtc('2027-01-15', '10:00')!.toISOString()).toBe('2027-01-15T09:00:00.000Z');
		expect(romeToUtc('2027-03-27', '10:00')!.toISOString()).toBe('2027-03-27T09:00:00.000Z');
		expect(romeToUtc('2027-03-28', '10:00')!.toISOString()).toBe('2027-03-28T08:00:00.000Z');
		expect(romeToUtc('2027-10-30', '23:30')!.toISOString()).toBe('2027-10-30T21:30:00.000Z');
		expect(romeToUtc('2027-10-31', '10:00')!.toISOString()).toBe('2027-10-31T09:00:00.000Z');
	});

	it('moves a time skipped by spring-forward one hour on, and round-trips ordinary times', () => {
		expect(romeToUtc('2027-03-28', '02:30')!.toISOString()).toBe('2027-03-28T01:30:00.000Z');
		expect(romeParts(romeToUtc('2027-03-28', '02:30')!).time).toBe('03:30');
		for (const [d, t] of [
			['2026-12-31', '23:59'],
			['2027-07-01', '00:00'],
			['2027-10-31', '01:59']
		])
			expect(romeParts(romeToUtc(d, t)!)).toMatchObject({ date: d, time: t });
		expect(romeLocalIso('2027-03-28T08:00:00.000Z')).toBe('2027-03-28T10:00:00');
	});

	it('rejects text that is not a real date or time', () => {
		for (const [d, t] of [
			['2027-02-30', '10:00'],
			['2027-13-01', '10:00'],
			['27-01-01', '10:00'],
			['2027-01-01', '24:00'],
			['2027-01-01', '9:00'],
			['', '']
		])
			expect(romeToUtc(d, t)).toBeNull();
	});
});

describe('quorum rule', () => {
	it('maggioranza is more than half of the enti; n:k is at least k', () => {
		expect([1, 2, 3, 6, 7].map((n) => requiredFor('maggioranza', n))).toEqual([1, 2, 2, 4, 4]);
		expect(requiredFor('n:3', 10)).toBe(3);
		expect(requiredFor(' n:5 ', 4)).toBe(5);
	});
});

describe('dates in the reader’s language', () => {
	it('formats the same Rome instant in Italian by default and in English when chosen', async () => {
		const { formatDate, formatInstant, formatRange } = await import('./rome');
		expect(formatDate('2026-12-01')).toBe('1 dicembre 2026');
		expect(formatDate('2026-12-01', 'en')).toBe('1 December 2026');
		expect(formatInstant('2026-12-01T09:00:00Z')).toContain('martedì 1 dicembre 2026');
		expect(formatInstant('2026-12-01T09:00:00Z', 'en')).toContain('1 December 2026');
		expect(formatRange('2026-12-01T09:00:00Z', '2026-12-01T11:00:00Z', 'en')).toMatch(
			/^Tuesday, 1 December 2026 at 10:00–12:00$/
		);
	});
});
