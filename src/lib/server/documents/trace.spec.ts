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
		const { columns, samples } = trace!.take(true);
		expect(columns).toEqual([...STAGES, 'total']);
		expect(samples).toHaveLength(3);
		for (const row of samples) {
			expect(row[columns.indexOf('frame')]).toBeGreaterThanOrEqual(1);
			expect(row[columns.indexOf('append')]).toBeGreaterThanOrEqual(3);
			const total = row[columns.indexOf('total')];
			const sum = STAGES.reduce((a, s) => a + row[columns.indexOf(s)], 0);
			expect(total).toBeGreaterThanOrEqual(4);
			expect(Math.abs(sum - total)).toBeLessThan(1e-6);
		}
		expect(trace!.take(false).samples).toHaveLength(0);
	});

	it('a flush with no update received (a server-side edit) is not a sample', () => {
		trace!.take(true);
		trace!.mark('wait');
		trace!.mark('append');
		trace!.mark('send');
		expect(trace!.take(true).samples).toHaveLength(0);
	});
});
