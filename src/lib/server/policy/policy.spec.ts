import { describe, expect, it } from 'vitest';
import { decide, readableVisibilities, type Action, type Membership, type Role } from './index';
import type { SessionUser } from '../auth/session';

const user = (isAdmin = false): SessionUser => ({
	id: 1,
	email: 'x@y.it',
	name: 'X',
	isAdmin,
	locale: 'it'
});
const member = (role: Role): Membership => ({
	tavoloId: 1,
	enteId: 1,
	role,
	representation: role === 'componente' ? 'titolare' : null
});

type Who = 'anonimo' | 'esterno' | 'osservatore' | 'componente' | 'segreteria' | 'admin';
const WHO: Who[] = ['anonimo', 'esterno', 'osservatore', 'componente', 'segreteria', 'admin'];
function ask(
	who: Who,
	action: Action,
	target: Parameters<typeof decide>[3] = { tavoloId: 1 }
): boolean {
	const u = who === 'anonimo' ? null : user(who === 'admin');
	const m =
		who === 'osservatore' || who === 'componente' || who === 'segreteria' ? member(who) : null;
	return decide(u, m, action, target);
}
const row = (action: Action, target?: Parameters<typeof decide>[3]) =>
	WHO.filter((w) => ask(w, action, target));

describe('the access policy', () => {
	it('a non-public tavolo is invisible outside it; a public one is visible to all', () => {
		expect(row('tavolo.see')).toEqual(['osservatore', 'componente', 'segreteria', 'admin']);
		expect(row('tavolo.see', { tavoloId: 1, isPublic: true })).toEqual(WHO);
		expect(row('tavolo.read', { tavoloId: 1, isPublic: true })).toEqual([
			'osservatore',
			'componente',
			'segreteria',
			'admin'
		]);
	});

	it('an osservatore reads and never writes', () => {
		for (const a of [
			'document.write',
			'document.create',
			'document.manage',
			'meeting.manage',
			'meeting.rsvp',
			'decision.record',
			'decision.vote',
			'plan.write',
			'plan.configure',
			'tavolo.manage'
		] as Action[])
			expect(ask('osservatore', a), a).toBe(false);
		for (const a of ['tavolo.read', 'document.read', 'meeting.read', 'plan.read'] as Action[])
			expect(ask('osservatore', a), a).toBe(true);
	});

	it('frozen things are read-only for everyone, the segreteria included', () => {
		expect(row('document.write', { tavoloId: 1, frozen: true })).toEqual([]);
		expect(row('document.manage', { tavoloId: 1, frozen: true })).toEqual([]);
		expect(row('document.read', { tavoloId: 1, frozen: true })).toEqual([
			'osservatore',
			'componente',
			'segreteria',
			'admin'
		]);
	});

	it('the admin governs the tavolo but writes content only as a member', () => {
		expect(ask('admin', 'tavolo.manage')).toBe(true);
		expect(ask('admin', 'document.write')).toBe(false);
		expect(ask('admin', 'meeting.manage')).toBe(false);
	});

	it('decision visibility: riservata → segreteria, membri → +componenti, osservatori → all members, pubblica → everyone', () => {
		expect(row('decision.read', { tavoloId: 1, visibility: 'riservata' })).toEqual(['segreteria']);
		expect(row('decision.read', { tavoloId: 1, visibility: 'membri' })).toEqual([
			'componente',
			'segreteria'
		]);
		expect(row('decision.read', { tavoloId: 1, visibility: 'osservatori' })).toEqual([
			'osservatore',
			'componente',
			'segreteria',
			'admin'
		]);
		expect(row('decision.read', { tavoloId: 1, visibility: 'pubblica' })).toEqual(WHO);
		expect(readableVisibilities(null, false)).toEqual(['pubblica']);
		expect(readableVisibilities('componente', false)).toEqual([
			'membri',
			'osservatori',
			'pubblica'
		]);
	});
});
