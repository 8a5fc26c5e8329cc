// The benchmark's stage timings (YJS_TRACE=1): each update's stages add up to its whole path, and
// work outside an update's path (a server-side edit's flush) is not counted as one.
import { describe, expect, it } from 'vitest';

process.env.YJS_TRACE = '1';
const { trace, STAGES } = await import('./trace');

const busy = (ms: number) => {
	const end = performance.now() + ms;
	while (performance.now() < end);
};

describe('update path trace', () => {
	it('times each stage of an update, and the stages add up to the total', () => {
		expect(trace).not.toBeNull();
		trace!.take(true);
		for (let i = 0; i < 3; i++) {
			trace!.received();
			busy(1);
			for (const stage of STAGES) {
				if (stage === 'append') busy(3);
				trace!.mark(stage);
			}
		}
		const f = trace!.take(true);
		expect(f.samples).toBe(3);
		expect(f.median.frame).toBeGreaterThanOrEqual(1000);
		expect(f.median.append).toBeGreaterThanOrEqual(3000);
		// The slowest row is a mean over the same updates, so it adds up (to rounding).
		expect(f.slowest.total).toBeGreaterThanOrEqual(4000);
		const sum = STAGES.reduce((a, s) => a + f.slowest[s], 0);
		expect(Math.abs(sum - f.slowest.total)).toBeLessThanOrEqual(STAGES.length);
		expect(trace!.take(false).samples).toBe(0);
	});

	it('a flush with no update received (a server-side edit) is not a sample', () => {
		trace!.take(true);
		trace!.mark('wait');
		trace!.mark('append');
		trace!.mark('send');
		expect(trace!.take(true).samples).toBe(0);
	});
});
