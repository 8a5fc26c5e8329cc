// Quorum counts enti, not people: the rule beside its code, on a temporary SQLite file.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, fixture } from './spec-fixture';
import { quorum, recordAttendance, requiredFor } from './attendance';
import { open } from './access';

afterAll(cleanup);

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (e) {
		return e;
	}
	throw new Error('expected a refusal');
}

describe('requiredFor', () => {
	it('is more than half of the enti for maggioranza, and at least k (min 1) for n:k', () => {
		expect([1, 2, 3, 4, 5, 6].map((n) => requiredFor('maggioranza', n))).toEqual([
			1, 2, 2, 3, 3, 4
		]);
		expect(requiredFor('n:3', 10)).toBe(3);
		expect(requiredFor(' n:0 ', 10)).toBe(1);
	});
});

describe('quorum per ente', () => {
	it('counts an ente once whether its titolare, its supplente or both attend, in person or remote', async () => {
		const f = await fixture();
		const seg = f.person('Segreteria', 'segreteria');
		const regT = f.person('Regione', 'componente', 'titolare');
		const regS = f.person('Regione', 'componente', 'supplente');
		const pref = f.person('Prefettura', 'componente', 'titolare');
		f.person('Comune', 'componente', 'titolare');
		f.person('Ministero', 'osservatore');
		const id = f.meeting(seg, 'convocata', 10);

		let q = quorum(seg, id);
		// Only enti with componenti count: not the segreteria's, not the observer's.
		expect(q).toMatchObject({ total: 3, required: 2, present: 0, reached: false });

		recordAttendance(seg, id, regT.id, 'presente');
		q = recordAttendance(seg, id, regS.id, 'remoto');
		expect(q).toMatchObject({ present: 1, reached: false });

		q = recordAttendance(seg, id, pref.id, 'remoto');
		expect(q).toMatchObject({ present: 2, reached: true });
		expect(q.presentEnti).toHaveLength(2);

		// The supplente alone still carries the ente.
		recordAttendance(seg, id, regT.id, 'assente');
		expect(quorum(seg, open(seg, id))).toMatchObject({ present: 2, reached: true });
		recordAttendance(seg, id, regS.id, 'assente');
		expect(quorum(seg, id)).toMatchObject({ present: 1, reached: false });
	});

	it('a segreteria present does not make quorum, and n:k is honoured', async () => {
		const f = await fixture('n:1');
		const seg = f.person('Segreteria', 'segreteria');
		f.person('Regione', 'componente');
		const id = f.meeting(seg, 'convocata', 10);
		expect(recordAttendance(seg, id, seg.id, 'presente')).toMatchObject({
			required: 1,
			present: 0,
			reached: false
		});
	});

	it('refuses attendance from anyone but the segreteria and before the hour before the start', async () => {
		const f = await fixture();
		const seg = f.person('Segreteria', 'segreteria');
		const comp = f.person('Regione', 'componente');
		const soon = f.meeting(seg, 'convocata', 10);
		expect(thrown(() => recordAttendance(comp, soon, comp.id, 'presente'))).toMatchObject({
			fields: { _: 'Solo la segreteria registra le presenze' }
		});
		const later = f.meeting(seg, 'convocata', 24 * 60);
		expect(thrown(() => recordAttendance(seg, later, comp.id, 'presente'))).toMatchObject({
			fields: { _: expect.stringContaining('un’ora prima') }
		});
	});
});
