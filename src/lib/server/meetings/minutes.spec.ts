// The verbale's state machine (bozza → in_approvazione → approvato → superato by a correction),
// beside its code, with the real documents domain on a temporary SQLite file.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, fixture } from './spec-fixture';
import { approve, circulate, correct, createMinutes, listForMeeting } from './minutes';
import { open } from './access';
import { canMoveMinutes, MINUTES_STATUSES } from '../../meetings/model';

afterAll(cleanup);

describe('minutes transitions', () => {
	it('allow only the forward steps of the table', () => {
		const allowed = MINUTES_STATUSES.flatMap((from) =>
			MINUTES_STATUSES.filter((to) => canMoveMinutes(from, to)).map((to) => `${from}→${to}`)
		);
		expect(allowed).toEqual([
			'bozza→in_approvazione',
			'in_approvazione→approvato',
			'approvato→superato'
		]);
	});

	it('create → circulate → approve closes the meeting; a correction supersedes the first when approved', async () => {
		const f = await fixture();
		const seg = f.person('Segreteria', 'segreteria');
		const comp = f.person('Regione', 'componente');
		const planned = f.meeting(seg, 'convocata', 24 * 60);
		await expect(createMinutes(seg, planned)).rejects.toMatchObject({
			fields: { _: expect.stringContaining('dopo la riunione') }
		});
		const id = f.meeting(seg, 'svolta', -60);
		await expect(createMinutes(comp, id)).rejects.toMatchObject({ status: 403 });

		const v = await createMinutes(seg, open(seg, id));
		expect(v.status).toBe('bozza');
		await expect(createMinutes(seg, id)).rejects.toThrow(
			'Il verbale di questa riunione esiste già'
		);
		await expect(approve(seg, v.id)).rejects.toMatchObject({
			fields: { _: 'Il verbale non è in approvazione: mettilo prima in approvazione' }
		});
		await expect(circulate(seg, v.id, { deadline: '2000-01-01' })).rejects.toMatchObject({
			fields: { deadline: 'La scadenza è già passata' }
		});

		expect((await circulate(seg, v.id)).status).toBe('in_approvazione');
		await expect(circulate(seg, v.id)).rejects.toMatchObject({
			fields: { _: expect.stringContaining('già in approvazione') }
		});
		await expect(correct(seg, v.id)).rejects.toMatchObject({ fields: { _: expect.any(String) } });

		const approved = await approve(seg, v.id);
		expect(approved.status).toBe('approvato');
		expect(approved.contentHash).toMatch(/^[0-9a-f]{64}$/);
		expect(open(seg, id).meeting.status).toBe('verbale_approvato');

		const c = await correct(seg, v.id);
		expect(c).toMatchObject({ status: 'bozza', correctsId: v.id });
		await expect(correct(seg, v.id)).rejects.toThrow('Esiste già una correzione di questo verbale');
		await circulate(seg, c.id);
		await approve(seg, c.id);
		expect(listForMeeting(seg, id).map((x) => [x.id, x.status])).toEqual([
			[v.id, 'superato'],
			[c.id, 'approvato']
		]);
	});
});
