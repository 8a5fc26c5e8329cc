// Live updates on the meeting page, as people notice them: leaving the page leaves the tavolo's
// presence at once, and another person's RSVP or the segreteria's attendance shows up on an open
// meeting page without a full reload and without reloading the layouts above it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server';
import { DEMO, UMBRIA, signedIn, type Client } from '../helpers/http';
import { launch } from '../helpers/browser';
import { meetingWithAttendance } from '../helpers/decisions';
import { connectSocket, emitAck, nextEvent } from '../helpers/socket';

let server: TestServer;
let browser: Browser;
let seg: Client;
let meetingId: number;
let umbriaId: number;
beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launch()]);
	seg = await signedIn(server.url, DEMO.segreteria);
	// Convened, starting in a few minutes: answers are still open and attendance already is.
	({ meetingId } = await meetingWithAttendance(seg, 'Riunione seguita in diretta', []));
	umbriaId = (
		(await (
			await seg.get(`/api/riunioni/${meetingId}`, { headers: { accept: 'application/json' } })
		).json()) as { meeting: { tavoloId: number } }
	).meeting.tavoloId;
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function as(email: string, path: string): Promise<Page> {
	const client = await signedIn(server.url, email);
	const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
	await context.addCookies(
		[...client.cookies].map(([name, value]) => ({ name, value, url: server.url }))
	);
	const page = await context.newPage();
	await page.goto(`${server.url}${path}`);
	await page.waitForSelector('html[data-hydrated="true"]');
	return page;
}

/** Who the tavolo's presence lists now, as the segreteria's own socket sees it on joining. */
async function presentNames(): Promise<string[]> {
	const socket = await connectSocket(server.url, seg);
	try {
		const next = nextEvent<{ tavoloId: number; users: { name: string }[] }>(socket, 'presence');
		await emitAck(socket, 'tavolo:join', { tavoloId: umbriaId });
		return (await next).users.map((u) => u.name);
	} finally {
		socket.close();
	}
}

const meetingPath = () => `/tavoli/${UMBRIA}/riunioni/${meetingId}`;

describe('the meeting page, live', () => {
	// Presence is per tavolo: the tavolo's layout holds its room on every page of the tavolo
	// (tests/e2e/presence.test.ts), so leaving the meeting for a page outside the tavolo is what
	// must take the person out of it.
	it('leaves the tavolo’s presence when the person navigates away from the meeting', async () => {
		const marco = await as(DEMO.componente, `/tavoli/${UMBRIA}`);
		const presence = marco.getByTestId('presence');
		await expect.poll(() => presence.getAttribute('data-connected')).toBe('true');
		const paolo = await as(DEMO.componente2, meetingPath());
		try {
			await expect.poll(() => presence.textContent(), { timeout: 10_000 }).toContain('Paolo Ricci');
			// A client-side navigation out of the tavolo, to "I miei tavoli".
			await paolo
				.getByRole('navigation', { name: 'Navigazione principale' })
				.getByRole('link', { name: 'I miei tavoli' })
				.click();
			await paolo.waitForURL(`${server.url}/tavoli`);
			await expect
				.poll(() => presence.textContent(), { timeout: 10_000 })
				.not.toContain('Paolo Ricci');
		} finally {
			await marco.context().close();
			await paolo.context().close();
		}
	});

	it('shows another person’s RSVP and the attendance the segreteria records, without a full reload', async () => {
		const marco = await as(DEMO.componente, meetingPath());
		const paolo = await as(DEMO.componente2, meetingPath());
		try {
			// Both pages are in the tavolo's room (the segreteria's socket sees them present) before
			// anything happens.
			await expect
				.poll(async () => (await presentNames()).join(', '), { timeout: 10_000 })
				.toMatch(/Marco Bellini.*Paolo Ricci|Paolo Ricci.*Marco Bellini/);
			await marco.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
			const invalidated: string[] = [];
			marco.on('request', (r) => {
				const u = new URL(r.url());
				if (u.pathname.endsWith('/__data.json'))
					invalidated.push(u.searchParams.get('x-sveltekit-invalidated') ?? '');
			});
			const byEnte = marco.getByTestId('by-ente');
			await expect
				.poll(() => byEnte.textContent())
				.toContain('Paolo Ricci (titolare): nessuna risposta');

			await paolo.locator('label[for="rsvp-non_partecipo"]').click();
			await paolo.getByRole('button', { name: 'Invia la risposta' }).click();
			await expect.poll(() => paolo.getByTestId('my-rsvp').textContent()).toBe('Non partecipo');
			await expect
				.poll(() => byEnte.textContent(), { timeout: 10_000 })
				.toContain('Paolo Ricci (titolare): Non partecipo');

			// The attendance row beside the quorum box moves too, not just the quorum.
			const paoloId = await paolo.evaluate(async (id) => {
				const r = await fetch(`/api/riunioni/${id}`, { headers: { accept: 'application/json' } });
				const s = (await r.json()) as {
					byEnte: { people: { userId: number; name: string }[] }[];
				};
				return s.byEnte.flatMap((e) => e.people).find((p) => p.name === 'Paolo Ricci')!.userId;
			}, meetingId);
			const row = marco.getByTestId(`attendance-${paoloId}`);
			expect(await row.getAttribute('data-attendance')).toBe('');
			const quorum = marco.getByTestId('quorum');
			const before = await quorum.textContent();
			const res = await seg.form(`${meetingPath()}?/attendance`, {
				userId: String(paoloId),
				status: 'remoto'
			});
			expect(res.status).toBe(200);
			await expect
				.poll(() => row.getAttribute('data-attendance'), { timeout: 10_000 })
				.toBe('remoto');
			expect(await row.textContent()).toContain('Collegato da remoto');
			await expect.poll(() => quorum.textContent()).not.toBe(before);

			// Same document all along, and only the page's own load was asked again.
			expect(await marco.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(
				42
			);
			expect(invalidated.length).toBeGreaterThan(0);
			for (const flags of invalidated) expect(flags).toMatch(/^0+1$/);
		} finally {
			await marco.context().close();
			await paolo.context().close();
		}
	});
});
