// Progressive delay, not lock-out: each failure past the free ones doubles the wait, up to 15 min.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIMITS, clearAccountFailures, loginBlockedFor, recordLoginFailure } from './rate-limit';

afterEach(() => vi.useRealTimers());

describe('sign-in delay', () => {
	it('grows 1, 2, 4, 8 … 15 minutes per account and address, and is forgotten on success', () => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
		const ip = '10.1.1.1';
		const who = 'spec-a@example.it';
		for (let i = 0; i < LIMITS.account.free; i++) {
			expect(loginBlockedFor(ip, who)).toBe(0);
			recordLoginFailure(ip, who);
		}
		const waits: number[] = [];
		for (let i = 0; i < 6; i++) {
			const wait = loginBlockedFor(ip, who);
			waits.push(wait);
			vi.advanceTimersByTime(wait * 1000);
			expect(loginBlockedFor(ip, who)).toBe(0);
			recordLoginFailure(ip, who);
		}
		expect(waits).toEqual([60, 120, 240, 480, 900, 900]);
		// Another address is not affected by these failures.
		expect(loginBlockedFor('10.2.2.2', who)).toBe(0);
		clearAccountFailures(ip, who);
		expect(loginBlockedFor(ip, who)).toBe(0);
	});

	it('an address gets a larger allowance across accounts, then a delay, never a lock', () => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date('2026-12-01T12:00:00Z'));
		const ip = '10.3.3.3';
		for (let i = 0; i < LIMITS.ip.free; i++) recordLoginFailure(ip, `u${i}@example.it`);
		expect(loginBlockedFor(ip, 'someone-else@example.it')).toBe(60);
		vi.advanceTimersByTime(60_000);
		expect(loginBlockedFor(ip, 'someone-else@example.it')).toBe(0);
	});
});
