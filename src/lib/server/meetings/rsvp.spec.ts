// Delegation is per ente: a titolare may delegate their ente's supplente, and the ente is then
// represented; the rule beside its code, on a temporary SQLite file.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, fixture } from './spec-fixture';
import { byEnte, isRepresented, rsvp } from './rsvp';
import { open } from './access';

afterAll(cleanup);

const componente = (representation: 'titolare' | 'supplente', answer: string | null) => ({
	role: 'componente',
	representation,
	answer: answer as never
});

describe('isRepresented', () => {
	it('holds when a componente comes, or the titolare delegated a supplente who did not decline', () => {
		expect(isRepresented([componente('titolare', 'partecipo')])).toBe(true);
		expect(
			isRepresented([componente('titolare', null), componente('supplente', 'partecipo')])
		).toBe(true);
		expect(isRepresented([componente('titolare', 'delego'), componente('supplente', null)])).toBe(
			true
		);
		expect(
			isRepresented([componente('titolare', 'delego'), componente('supplente', 'non_partecipo')])
		).toBe(false);
		expect(isRepresented([componente('titolare', 'delego')])).toBe(false);
		expect(isRepresented([{ role: 'segreteria', representation: null, answer: 'partecipo' }])).toBe(
			false
		);
	});
});

describe('rsvp and delegation', () => {
	it('lets the titolare delegate the supplente and counts the ente as represented', async () => {
		const f = await fixture();
		const seg = f.person('Segreteria', 'segreteria');
		const tit = f.person('Regione', 'componente', 'titolare');
		f.person('Regione', 'componente', 'supplente');
		const id = f.meeting(seg, 'convocata', 24 * 60);
		await rsvp(tit, open(tit, id), 'delego');
		const regione = byEnte(seg, id).find((e) => e.people.some((p) => p.userId === tit.id))!;
		expect(regione.represented).toBe(true);
		expect(regione.people.find((p) => p.userId === tit.id)?.answer).toBe('delego');
	});

	it('refuses delegation by a supplente, and by a titolare whose ente has no supplente', async () => {
		const f = await fixture();
		const seg = f.person('Segreteria', 'segreteria');
		f.person('Regione', 'componente', 'titolare');
		const sup = f.person('Regione', 'componente', 'supplente');
		const alone = f.person('Comune', 'componente', 'titolare');
		const id = f.meeting(seg, 'convocata', 24 * 60);
		await expect(rsvp(sup, id, 'delego')).rejects.toMatchObject({
			fields: { answer: 'Solo il titolare può delegare il supplente del suo ente' }
		});
		await expect(rsvp(alone, id, 'delego')).rejects.toMatchObject({
			fields: { answer: 'Il tuo ente non ha un supplente a cui delegare' }
		});
		// The supplente may still answer for themself.
		await rsvp(sup, id, 'partecipo');
		expect(
			byEnte(seg, id).find((e) => e.people.some((p) => p.userId === sup.id))?.represented
		).toBe(true);
	});

	it('refuses answers to a meeting not convened, already started, or from an observer', async () => {
		const f = await fixture();
		const seg = f.person('Segreteria', 'segreteria');
		const tit = f.person('Regione', 'componente');
		const obs = f.person('Ministero', 'osservatore');
		const draft = f.meeting(seg, 'bozza', 24 * 60);
		const started = f.meeting(seg, 'convocata', -5);
		const ok = f.meeting(seg, 'convocata', 24 * 60);
		await expect(rsvp(seg, draft, 'partecipo')).rejects.toMatchObject({
			fields: { answer: 'La riunione non è ancora stata convocata' }
		});
		await expect(rsvp(tit, started, 'partecipo')).rejects.toMatchObject({
			fields: { answer: expect.stringContaining('già iniziata') }
		});
		await expect(rsvp(obs, ok, 'partecipo')).rejects.toMatchObject({ status: 403 });
		await expect(rsvp(tit, ok, 'forse')).rejects.toMatchObject({
			fields: { answer: expect.any(String) }
		});
	});

	it('does not accept an aggregate opened for someone else as this user’s rights', async () => {
		const f = await fixture();
		const seg = f.person('Segreteria', 'segreteria');
		const obs = f.person('Ministero', 'osservatore');
		const id = f.meeting(seg, 'convocata', 24 * 60);
		await expect(rsvp(obs, open(seg, id), 'partecipo')).rejects.toMatchObject({ status: 403 });
	});
});
