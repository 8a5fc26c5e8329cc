import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startServer, type TestServer } from '../helpers/server';
import { DEMO, signedIn } from '../helpers/http';
import { connectSocket, emitAck, nextEvent } from '../helpers/socket';

let server: TestServer;
const open: Socket[] = [];
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	open.forEach((s) => s.close());
	await server?.stop();
});

async function socketFor(email: keyof typeof DEMO): Promise<Socket> {
	const s = await connectSocket(server.url, await signedIn(server.url, DEMO[email]));
	open.push(s);
	return s;
}

type Presence = { tavoloId: number; users: { id: number; name: string }[] };

describe('socket.io', () => {
	it('refuses a handshake without a session', async () => {
		await expect(connectSocket(server.url, null)).rejects.toThrow(/Accesso richiesto/);
	});

	it('refuses a handshake from a foreign Origin, even with a valid cookie', async () => {
		const c = await signedIn(server.url, DEMO.componente);
		await expect(connectSocket(server.url, c, 'https://evil.example')).rejects.toThrow();
	});

	it('shows who is on a tavolo page and updates when someone leaves', async () => {
		const marco = await socketFor('componente');
		const giulia = await socketFor('segreteria');
		expect(await emitAck(marco, 'tavolo:join', { tavoloId: 1 })).toEqual({ ok: true });
		const seen = nextEvent<Presence>(marco, 'presence', (p) =>
			p.users.some((u) => u.name === 'Giulia Ferretti')
		);
		expect(await emitAck(giulia, 'tavolo:join', { tavoloId: 1 })).toEqual({ ok: true });
		const p = await seen;
		expect(p.tavoloId).toBe(1);
		expect(p.users.map((u) => u.name)).toEqual(['Giulia Ferretti', 'Marco Bellini']);
		const gone = nextEvent<Presence>(
			marco,
			'presence',
			(p) => !p.users.some((u) => u.name === 'Giulia Ferretti')
		);
		giulia.close();
		expect((await gone).users.map((u) => u.name)).toEqual(['Marco Bellini']);
	});

	it('lets a socket join only the tavoli its user may read, with the same answer for hidden and missing', async () => {
		const roles: [keyof typeof DEMO, number, boolean][] = [
			['osservatore', 1, true],
			['osservatore', 2, true],
			['componente', 2, false],
			['outsider', 1, false],
			['outsider', 2, true],
			['admin', 2, true]
		];
		for (const [role, tavoloId, allowed] of roles) {
			const s = await socketFor(role);
			const answer = await emitAck(s, 'tavolo:join', { tavoloId });
			expect({ role, tavoloId, ...answer }).toEqual(
				allowed
					? { role, tavoloId, ok: true }
					: { role, tavoloId, ok: false, error: 'Tavolo non trovato' }
			);
		}
		const s = await socketFor('componente');
		expect(await emitAck(s, 'tavolo:join', { tavoloId: 999 })).toEqual({
			ok: false,
			error: 'Tavolo non trovato'
		});
		expect(await emitAck(s, 'tavolo:join', { tavoloId: 'uno' })).toEqual({
			ok: false,
			error: 'tavoloId non valido'
		});
		expect(await emitAck(s, 'tavolo:join', null)).toEqual({
			ok: false,
			error: 'tavoloId non valido'
		});
	});

	it('a refused socket receives nothing from that tavolo', async () => {
		const outsider = await socketFor('componente'); // Umbria only
		await emitAck(outsider, 'tavolo:join', { tavoloId: 2 });
		const got: Presence[] = [];
		outsider.on('presence', (p: Presence) => got.push(p));
		const francesca = await socketFor('outsider');
		await emitAck(francesca, 'tavolo:join', { tavoloId: 2 });
		await new Promise((r) => setTimeout(r, 300));
		expect(got.filter((p) => p.tavoloId === 2)).toEqual([]);
	});
});
