/**
 * The dictionaries' types are the point of this file: svelte-check (the first step of `npm test`)
 * compiles it, so each `@ts-expect-error` below fails the run if the error it expects disappears,
 * i.e. if an unknown key or an enum value without a label were ever accepted again.
 */
import { describe, expect, it } from 'vitest';
import { translate, translator, type Balanced, type Key } from './index';
import { core } from './core';
import { documents } from './documents';
import { meetings } from './meetings';
import { plans } from './plans';
import { decisions } from './decisions';
import { pages } from './pages';
import type { MeetingStatus, RsvpAnswer } from '../meetings/model';
import type { Outcome } from '../decisions/model';

describe('i18n keys', () => {
	it('refuses, at compile time, a key no dictionary has', () => {
		const t = translator('en');
		// @ts-expect-error 'nav.nonexistent' is not a key of any dictionary.
		expect(t('nav.nonexistent')).toBe('nav.nonexistent');
		// @ts-expect-error a plain string is not a key either: dynamic keys need a typed enum.
		translate('it', String('nav.login'));
		const k: Key = 'nav.login';
		expect(t(k)).toBe('Sign in');
	});

	it('accepts a template key only when every enum value has its label', () => {
		const t = translator('en');
		const status = 'convocata' as MeetingStatus;
		const answer = 'delego' as RsvpAnswer;
		const outcome = 'approvata' as Outcome;
		expect(t(`meeting.status.${status}`)).not.toMatch(/^meeting\./);
		expect(t(`meeting.rsvp.${answer}`)).not.toMatch(/^meeting\./);
		expect(t(`dec.outcome.${outcome}`)).not.toMatch(/^dec\./);
		const unlabelled = 'sospesa' as MeetingStatus | 'sospesa';
		// @ts-expect-error 'meeting.status.sospesa' has no label: a new enum value needs one.
		t(`meeting.status.${unlabelled}`);
	});

	it('flags, at compile time, an English half that drifts from the Italian one', () => {
		const missing: Balanced<{ it: { a: string; b: string }; en: { a: string } }> = {
			missingInEnglish: 'b',
			onlyInEnglish: undefined as never
		};
		// @ts-expect-error a dictionary missing an English key is not balanced.
		const ok: Balanced<{ it: { a: string; b: string }; en: { a: string } }> = true;
		void [missing, ok];
	});

	it('has, in every dictionary, the same keys in English and Italian, none of them empty', () => {
		for (const d of [core, documents, meetings, plans, decisions, pages]) {
			expect(Object.keys(d.en).sort()).toEqual(Object.keys(d.it).sort());
			for (const v of [...Object.values(d.it), ...Object.values(d.en)])
				expect((v as string).trim()).not.toBe('');
		}
	});
});
