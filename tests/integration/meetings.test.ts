import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import ical from 'node-ical';
import { io as ioClient, type Socket } from 'socket.io-client';
import { startServer, type TestServer } from '../helpers/server';
import { startSmtp, type Received } from '../helpers/smtp';
import { soonMeetingFields } from '../helpers/decisions';
import { Client, DEMO, signedIn, UMBRIA, CAGLIARI } from '../helpers/http';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mails: Received[] = [];
const clients: Record<string, Client> = {};
const base = `/tavoli/${UMBRIA}/riunioni`;

beforeAll(async () => {
	smtp = await startSmtp();
	mails = smtp.messages;
	server = await startServer({
		env: { SMTP_URL: smtp.url, MAIL_FROM: 'Raccordo <noreply@raccordo.test>' }
	});
	for (const [k, email] of Object.entries(DEMO)) clients[k] = await signedIn(server.url, email);
});
afterAll(async () => {
	await server?.stop();
	await smtp?.close();
});

function futureFields(
	title: string,
	day = '2027-01-15',
	start = '10:00',
	end = '12:00'
): Record<string, string> {
	return {
		title,
		date: day,
		startTime: start,
		endTime: end,
		modality: 'mista',
		place: 'Palazzo Donini, Perugia',
		videoUrl: 'https://meet.example.org/tavolo'
	};
}

async function create(fields: Record<string, string>, c = clients.segreteria): Promise<number> {
	const res = await c.form(`${base}?/create`, fields);
	expect(res.status, await res.clone().text()).toBe(303);
	const m = /\/riunioni\/(\d+)/.exec(res.headers.get('location') ?? '');
	return Number(m![1]);
}

async function act(
	id: number,
	action: string,
	fields: Record<string, string> = {},
	c = clients.segreteria
): Promise<Response> {
	return c.form(`${base}/${id}?/${action}`, fields);
}

async function state(id: number, c = clients.segreteria) {
	const res = await c.get(`/api/riunioni/${id}`, { headers: { accept: 'application/json' } });
	expect(res.status).toBe(200);
	return (await res.json()) as {
		meeting: {
			status: string;
			sequence: number;
			version: number;
			uid: string;
			startsAt: string;
			endsAt: string;
		};
		agenda: { id: number; position: number; title: string }[];
		byEnte: {
			enteName: string;
			represented: boolean;
			people: { userId: number; name: string; answer: string | null }[];
		}[];
		quorum: { total: number; required: number; present: number; reached: boolean };
		minutes: {
			id: number;
			status: string;
			documentId: string;
			contentHash: string | null;
			text: string;
			correctsId: number | null;
		}[];
	};
}

async function convened(title: string, fields = futureFields(title)): Promise<number> {
	const id = await create(fields);
	expect(
		(await act(id, 'agendaAdd', { title: 'Approvazione del verbale precedente' })).status
	).toBe(200);
	expect(
		(
			await act(id, 'agendaAdd', {
				title: 'Programmazione FAMI 2021-2027: stato di avanzamento',
				durationMinutes: '45'
			})
		).status
	).toBe(200);
	expect((await act(id, 'convene', {})).status).toBe(200);
	return id;
}

async function userIdOf(id: number, name: string): Promise<number> {
	const s = await state(id);
	for (const e of s.byEnte) for (const p of e.people) if (p.name === name) return p.userId;
	throw new Error(`no ${name}`);
}

async function ics(path: string, c?: Client) {
	const res = c ? await c.get(path) : await fetch(server.url + path);
	return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function onlyEvent(text: string) {
	const events = Object.values(ical.sync.parseICS(text)).filter(
		(c) => c?.type === 'VEVENT'
	) as ical.VEvent[];
	expect(events).toHaveLength(1);
	return events[0];
}

describe('riunioni: lifecycle and permissions', () => {
	it('lets only the segreteria create a meeting: componente/osservatore 403, non-member 403 on a public tavolo, 404 on a hidden one', async () => {
		expect(
			(await clients.componente.form(`${base}?/create`, futureFields('Da componente'))).status
		).toBe(403);
		expect(
			(await clients.osservatore.form(`${base}?/create`, futureFields('Da osservatore'))).status
		).toBe(403);
		// Umbria is public: its existence is known, its workspace is not.
		expect(
			(await clients.outsider.form(`${base}?/create`, futureFields('Da estraneo'))).status
		).toBe(403);
		// Cagliari is not public: a non-member learns nothing.
		const cagliari = `/tavoli/${CAGLIARI}/riunioni`;
		expect(
			(await clients.segreteria.form(`${cagliari}?/create`, futureFields('Da estraneo'))).status
		).toBe(404);
		const res = await clients.outsider.form(
			`${cagliari}?/create`,
			futureFields('Consiglio di febbraio')
		);
		expect(res.status).toBe(303);
		const cagliariId = Number(/\/riunioni\/(\d+)/.exec(res.headers.get('location')!)![1]);
		expect(
			(
				await clients.segreteria.get(`/api/riunioni/${cagliariId}`, {
					headers: { accept: 'application/json' }
				})
			).status
		).toBe(404);
		expect((await clients.segreteria.get(`${base}/${cagliariId}`)).status).toBe(404);
		const id = await create(futureFields('Riunione plenaria di gennaio'));
		const s = await state(id);
		expect(s.meeting.status).toBe('bozza');
		// 10:00 in Rome in January is 09:00 UTC.
		expect(s.meeting.startsAt).toBe('2027-01-15T09:00:00.000Z');
		// A draft is invisible to everyone but the segreteria.
		expect(
			(
				await clients.componente.get(`/api/riunioni/${id}`, {
					headers: { accept: 'application/json' }
				})
			).status
		).toBe(404);
	});

	it('converts Rome local times across the DST change (summer time)', async () => {
		const id = await create(futureFields('Riunione estiva', '2027-03-28', '10:00', '11:30'));
		const s = await state(id);
		expect(s.meeting.startsAt).toBe('2027-03-28T08:00:00.000Z');
		expect(s.meeting.endsAt).toBe('2027-03-28T09:30:00.000Z');
	});

	it('refuses end before start and an agenda item without a title, changing nothing', async () => {
		const before = await (await clients.segreteria.get(base)).text();
		const res = await clients.segreteria.form(
			`${base}?/create`,
			futureFields('Orari sbagliati', '2027-02-01', '12:00', '10:00')
		);
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('La fine deve essere dopo l’inizio');
		expect(html).toContain('value="Orari sbagliati"');
		expect(await (await clients.segreteria.get(base)).text()).not.toContain('Orari sbagliati');
		expect(before).not.toContain('Orari sbagliati');

		const id = await create(futureFields('Riunione con odg'));
		const bad = await act(id, 'agendaAdd', { title: '   ', description: 'Senza titolo' });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Ogni punto all’ordine del giorno ha un titolo');
		expect((await state(id)).agenda).toHaveLength(0);
		// Nor can a meeting without an agenda be convened.
		const conv = await act(id, 'convene');
		expect(conv.status).toBe(400);
		expect(await conv.text()).toContain('Aggiungi almeno un punto all’ordine del giorno');
		expect((await state(id)).meeting.status).toBe('bozza');
	});

	it('adds, edits and reorders agenda items', async () => {
		const id = await create(futureFields('Riunione con tre punti'));
		for (const title of ['Primo', 'Secondo', 'Terzo'])
			expect((await act(id, 'agendaAdd', { title })).status).toBe(200);
		let s = await state(id);
		expect(s.agenda.map((a) => a.title)).toEqual(['Primo', 'Secondo', 'Terzo']);
		await act(id, 'agendaMove', { itemId: String(s.agenda[2].id), direction: 'up' });
		await act(id, 'agendaEdit', {
			itemId: String(s.agenda[0].id),
			title: 'Primo (rivisto)',
			durationMinutes: '20'
		});
		s = await state(id);
		expect(s.agenda.map((a) => [a.position, a.title])).toEqual([
			[1, 'Primo (rivisto)'],
			[2, 'Terzo'],
			[3, 'Secondo']
		]);
		expect((await act(id, 'agendaAdd', { title: 'X', durationMinutes: 'molto' })).status).toBe(400);
		// Links to workspace documents: only this tavolo's.
		const d = new Database(server.dbPath, { readonly: true });
		const doc = d
			.prepare(
				`SELECT d.id, d.title FROM documents d JOIN tavoli t ON t.id = d.tavolo_id WHERE t.slug = ? LIMIT 1`
			)
			.get(UMBRIA) as { id: string; title: string };
		d.close();
		const foreign = await act(id, 'agendaAdd', {
			title: 'Con documento estraneo',
			[`doc:not-a-document-id`]: 'on'
		});
		expect(foreign.status).toBe(400);
		expect(await foreign.text()).toContain('Puoi collegare solo documenti di questo tavolo');
		expect(
			(await act(id, 'agendaAdd', { title: 'Con il Piano', [`doc:${doc.id}`]: 'on' })).status
		).toBe(200);
		const linked = (await state(id)).agenda.find((a) => a.title === 'Con il Piano') as unknown as {
			documents: { id: string; title: string }[];
		};
		expect(linked.documents).toEqual([{ id: doc.id, title: doc.title }]);
		expect(await (await clients.segreteria.get(`${base}/${id}`)).text()).toContain(
			`href="/tavoli/${UMBRIA}/documenti/${doc.id}">${doc.title}</a>`
		);
		expect(
			(
				await act(
					id,
					'agendaEdit',
					{ itemId: String(s.agenda[0].id), title: 'Y' },
					clients.componente
				)
			).status
		).toBe(404);
	});

	it('applies the role matrix to every transition', async () => {
		const id = await convened('Riunione per la matrice dei ruoli');
		const transitions: [string, Record<string, string>][] = [
			['update', futureFields('Titolo cambiato')],
			['reschedule', { ...futureFields('x', '2027-01-22'), reason: 'Sovrapposizione' }],
			['cancel', { reason: 'Prova' }],
			['held', {}],
			['agendaAdd', { title: 'Punto abusivo' }],
			['convene', {}]
		];
		for (const [action, fields] of transitions) {
			expect(
				(await act(id, action, fields, clients.componente)).status,
				`componente ${action}`
			).toBe(403);
			expect(
				(await act(id, action, fields, clients.osservatore)).status,
				`osservatore ${action}`
			).toBe(403);
			expect((await act(id, action, fields, clients.outsider)).status, `non-member ${action}`).toBe(
				403
			);
		}
		const s = await state(id);
		expect(s.meeting.status).toBe('convocata');
		expect(s.agenda).toHaveLength(2);
		// Attendance by a non-segreteria: refused with a message, nothing recorded.
		const uid = await userIdOf(id, 'Paolo Ricci');
		const att = await act(
			id,
			'attendance',
			{ userId: String(uid), status: 'presente' },
			clients.componente
		);
		expect(att.status).toBe(400);
		expect(await att.text()).toContain('Solo la segreteria registra le presenze');
		// A non-member cannot read it; a convened meeting cannot be convened again.
		expect(
			(
				await clients.outsider.get(`/api/riunioni/${id}`, {
					headers: { accept: 'application/json' }
				})
			).status
		).toBe(404);
		const again = await act(id, 'convene');
		expect(again.status).toBe(409);
		expect(await again.text()).toContain('La riunione è già convocata');
	});

	it('reschedules (new date, reason) and cancels (reason required), then refuses further changes', async () => {
		const id = await convened('Riunione da rinviare');
		const noReason = await act(id, 'reschedule', { ...futureFields('x', '2027-01-29') });
		expect(noReason.status).toBe(400);
		expect(await noReason.text()).toContain('Indica il motivo del rinvio');
		expect(
			(
				await act(id, 'reschedule', {
					...futureFields('x', '2027-01-29'),
					reason: 'Indisponibilità della sala'
				})
			).status
		).toBe(200);
		let s = await state(id);
		expect(s.meeting.status).toBe('rinviata');
		expect(s.meeting.startsAt).toBe('2027-01-29T09:00:00.000Z');
		const noCancelReason = await act(id, 'cancel', { reason: '' });
		expect(noCancelReason.status).toBe(400);
		expect(await noCancelReason.text()).toContain('Indica il motivo dell’annullamento');
		expect((await act(id, 'cancel', { reason: 'Emergenza' })).status).toBe(200);
		s = await state(id);
		expect(s.meeting.status).toBe('annullata');
		const late = await act(id, 'update', futureFields('Ancora'));
		expect(late.status).toBe(409);
		expect(await late.text()).toContain('Una riunione annullata non si modifica più');
	});

	it('detects two secretaries saving the same meeting: the second gets a conflict and keeps the typed values', async () => {
		const id = await create(futureFields('Riunione contesa'));
		const { version } = (await state(id)).meeting;
		const other = await signedIn(server.url, DEMO.segreteria);
		expect(
			(await act(id, 'update', { ...futureFields('Versione di A'), version: String(version) }))
				.status
		).toBe(200);
		const res = await act(
			id,
			'update',
			{ ...futureFields('Versione di B'), version: String(version) },
			other
		);
		expect(res.status).toBe(409);
		const html = await res.text();
		expect(html).toContain('Un’altra persona della segreteria ha modificato questa riunione');
		expect(html).toContain('value="Versione di B"');
		const s = await state(id);
		expect(s.meeting.version).toBe(version + 1);
	});
});

describe('riunioni: RSVP, attendance and quorum', () => {
	it('records answers per ente, delegation to the supplente, refuses non-invited and late answers', async () => {
		const id = await convened('Riunione con risposte', soonMeetingFields('Riunione con risposte'));
		expect((await act(id, 'rsvp', { answer: 'delego' }, clients.componente)).status).toBe(200);
		expect((await act(id, 'rsvp', { answer: 'partecipo' }, clients.componente2)).status).toBe(200);
		// Only a titolare delegates.
		const sup = await act(id, 'rsvp', { answer: 'delego' }, clients.supplente);
		expect(sup.status).toBe(400);
		expect(await sup.text()).toContain('Solo il titolare può delegare il supplente del suo ente');
		// An osservatore does not answer; a non-member (the platform admin reads but is not invited) neither.
		expect((await act(id, 'rsvp', { answer: 'partecipo' }, clients.osservatore)).status).toBe(403);
		const admin = await act(id, 'rsvp', { answer: 'partecipo' }, clients.admin);
		expect(admin.status).toBe(400);
		expect(await admin.text()).toContain('Non sei tra le persone convocate a questa riunione');
		const s = await state(id);
		const prefettura = s.byEnte.find((e) => e.enteName.startsWith('Prefettura'))!;
		expect(prefettura.represented).toBe(true);
		expect(prefettura.people.find((p) => p.name === 'Marco Bellini')!.answer).toBe('delego');
		expect(s.byEnte.find((e) => e.enteName.startsWith('Ispettorato'))!.represented).toBe(true);
		expect(s.byEnte.find((e) => e.enteName.startsWith('Comune'))!.represented).toBe(false);
		// After the meeting is held, answers are closed.
		expect((await act(id, 'held')).status).toBe(200);
		const late = await act(id, 'rsvp', { answer: 'partecipo' }, clients.componente2);
		expect(late.status).toBe(400);
		expect(await late.text()).toContain('non si risponde più alla convocazione');
	});

	it('counts each ente once (titolare + supplente), remote attendance, and the tavolo rule', async () => {
		const id = await convened('Riunione del quorum', soonMeetingFields('Riunione del quorum'));
		const mark = async (name: string, status: string) => {
			const res = await act(id, 'attendance', { userId: String(await userIdOf(id, name)), status });
			expect(res.status).toBe(200);
			return (await state(id)).quorum;
		};
		let q = await mark('Marco Bellini', 'presente');
		// Six enti have componenti; the segreteria and the osservatore do not count.
		expect(q).toMatchObject({ total: 6, required: 4, present: 1, reached: false });
		q = await mark('Sara Conti', 'presente');
		expect(q.present).toBe(1);
		q = await mark('Giulia Ferretti', 'presente');
		expect(q.present).toBe(1);
		q = await mark('Paolo Ricci', 'remoto');
		expect(q.present).toBe(2);
		q = await mark('Elena Marchi', 'presente');
		expect(q).toMatchObject({ present: 3, reached: false });
		q = await mark('Luca Gallo', 'remoto');
		expect(q).toMatchObject({ present: 4, reached: true });
		// Delegation at the meeting: the titolare absent, the supplente there, the ente still counts.
		q = await mark('Marco Bellini', 'assente');
		expect(q.present).toBe(4);
		q = await mark('Sara Conti', 'assente');
		expect(q).toMatchObject({ present: 3, reached: false });
		const bad = await act(id, 'attendance', {
			userId: String(await userIdOf(id, 'Paolo Ricci')),
			status: 'forse'
		});
		expect(bad.status).toBe(400);
		// A fixed rule from the tavolo settings: 'n:3'.
		const d = new Database(server.dbPath);
		d.prepare(`UPDATE tavoli SET quorum_rule = 'n:3' WHERE slug = ?`).run(UMBRIA);
		d.close();
		q = (await state(id)).quorum;
		expect(q).toMatchObject({ required: 3, present: 3, reached: true });
		const d2 = new Database(server.dbPath);
		d2.prepare(`UPDATE tavoli SET quorum_rule = 'maggioranza' WHERE slug = ?`).run(UMBRIA);
		d2.close();
	});
});

describe('riunioni: calendars', () => {
	it('serves an .ics in Europe/Rome with a stable UID, growing SEQUENCE and STATUS:CANCELLED', async () => {
		const id = await convened(
			'Riunione nel calendario',
			futureFields('Riunione nel calendario', '2027-03-28', '10:00', '12:00')
		);
		const first = await ics(`/riunioni/${id}.ics`, clients.componente);
		expect(first.status).toBe(200);
		expect(first.type).toContain('text/calendar');
		const e1 = onlyEvent(first.text);
		// Summer time from that night: 10:00 in Rome is 08:00 UTC.
		expect(new Date(e1.start).toISOString()).toBe('2027-03-28T08:00:00.000Z');
		expect(new Date(e1.end!).toISOString()).toBe('2027-03-28T10:00:00.000Z');
		expect((e1.start as unknown as { tz?: string }).tz).toBe('Europe/Rome');
		expect(e1.summary).toBe('Riunione nel calendario');
		// DTSTAMP is a UTC instant (the last change), not a Rome wall-clock time.
		const stamp = new Date(e1.dtstamp).getTime();
		expect(Math.abs(Date.now() - stamp)).toBeLessThan(60_000);
		expect((e1.dtstamp as unknown as { tz?: string }).tz).toBe('Etc/UTC');

		expect(
			(
				await act(id, 'reschedule', {
					...futureFields('x', '2027-04-02', '15:00', '17:00'),
					reason: 'Nuova sala'
				})
			).status
		).toBe(200);
		const e2 = onlyEvent((await ics(`/riunioni/${id}.ics`, clients.componente)).text);
		expect(e2.uid).toBe(e1.uid);
		expect(Number(e2.sequence)).toBeGreaterThan(Number(e1.sequence));
		expect(new Date(e2.start!).toISOString()).toBe('2027-04-02T13:00:00.000Z');

		expect((await act(id, 'cancel', { reason: 'Annullata per prova' })).status).toBe(200);
		const e3 = onlyEvent((await ics(`/riunioni/${id}.ics`, clients.componente)).text);
		expect(e3.uid).toBe(e1.uid);
		expect(e3.status).toBe('CANCELLED');
		expect(Number(e3.sequence)).toBeGreaterThan(Number(e2.sequence));

		// Access through the policy: no session, or another tavolo's member → 404.
		expect((await ics(`/riunioni/${id}.ics`)).status).toBe(404);
		expect((await ics(`/riunioni/${id}.ics`, clients.outsiderComponente)).status).toBe(404);
	});

	it('serves secret feeds per tavolo and per person, and rejects them after revocation', async () => {
		const id = await convened('Riunione nel feed', futureFields('Riunione nel feed', '2027-05-10'));
		const page = await clients.componente2.form(`${base}?/feed`, { scope: 'tavolo' });
		expect(page.status).toBe(200);
		const feedUrl = new URL(/value="([^"]+\/calendario\/[^"]+\.ics)"/.exec(await page.text())![1])
			.pathname;
		const mine = /value="([^"]+\/calendario\/[^"]+\.ics)"/.exec(
			await (await clients.componente2.form(`${base}?/feed`, { scope: 'mine' })).text()
		)![1];
		for (const path of [feedUrl, new URL(mine).pathname]) {
			const res = await ics(path);
			expect(res.status).toBe(200);
			const events = Object.values(ical.sync.parseICS(res.text)).filter(
				(c) => c?.type === 'VEVENT'
			) as ical.VEvent[];
			const ev = events.find((e) => e.summary === 'Riunione nel feed');
			expect(ev).toBeDefined();
			expect(new Date(ev!.start).toISOString()).toBe('2027-05-10T08:00:00.000Z');
			// Drafts never appear in a feed.
			expect(
				events.some(
					(e) => e.summary === 'Riunione contesa' || String(e.summary).startsWith('Versione di')
				)
			).toBe(false);
		}
		void id;
		const list = await (await clients.componente2.get(base)).text();
		const feedIds = [...list.matchAll(/name="feedId" value="(\d+)"/g)].map((m) => m[1]);
		expect(feedIds.length).toBe(2);
		// Someone else cannot revoke them.
		expect(
			(await clients.componente.form(`${base}?/revokeFeed`, { feedId: feedIds[0] })).status
		).toBe(404);
		for (const feedId of feedIds)
			expect((await clients.componente2.form(`${base}?/revokeFeed`, { feedId })).status).toBe(200);
		expect((await ics(feedUrl)).status).toBe(404);
		expect((await ics(new URL(mine).pathname)).status).toBe(404);
		expect((await ics('/calendario/not-a-real-token-at-all.ics')).status).toBe(404);
	});
});

describe('riunioni: notifications, e-mail and live delivery', () => {
	it('e-mails the convocation to every member with the .ics attached, and the changes with what changed', async () => {
		mails.length = 0;
		const id = await convened(
			'Convocazione per posta',
			futureFields('Convocazione per posta', '2027-06-07', '09:30', '11:00')
		);
		await expect.poll(() => mails.length, { timeout: 10_000 }).toBeGreaterThan(0);
		const mail = mails.find((m) => /Convocazione per posta/.test(m.raw))!;
		expect(mail).toBeDefined();
		for (const who of [
			DEMO.segreteria,
			DEMO.componente,
			DEMO.supplente,
			DEMO.componente2,
			DEMO.osservatore
		])
			expect(mail.to).toContain(who);
		expect(mail.to).not.toContain(DEMO.outsider);
		expect(mail.to).not.toContain(DEMO.outsiderComponente);
		expect(mail.raw).toMatch(/^Subject: \[Raccordo\] Convocazione: Convocazione per posta/m);
		const part =
			/Content-Type: text\/calendar[^]*?filename=(?:"?)riunione\.ics(?:"?)[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(
				mail.raw
			);
		expect(part).not.toBeNull();
		const attached = Buffer.from(part![1].replace(/\s+/g, ''), 'base64').toString('utf8');
		const ev = onlyEvent(attached);
		expect(ev.summary).toBe('Convocazione per posta');
		expect(new Date(ev.start).toISOString()).toBe('2027-06-07T07:30:00.000Z');

		// The in-app notification centre has it too.
		const notif = await (await clients.componente.get('/notifiche')).text();
		expect(notif).toContain('Convocazione: Convocazione per posta');

		mails.length = 0;
		const { version } = (await state(id)).meeting;
		expect(
			(
				await act(id, 'update', {
					...futureFields('Convocazione per posta', '2027-06-07', '09:30', '11:00'),
					place: 'Sala Brugnoli',
					version: String(version)
				})
			).status
		).toBe(200);
		await expect.poll(() => mails.length, { timeout: 10_000 }).toBeGreaterThan(0);
		expect(mails[0].raw).toMatch(
			/Subject: \[Raccordo\] Riunione modificata: Convocazione per posta/
		);
		expect(mails[0].raw).toContain('Cambiati: luogo.');
	});

	it('pushes the convocation live to a member’s socket and nothing to another tavolo’s', async () => {
		const connect = (c: Client): Promise<Socket> =>
			new Promise((resolve, reject) => {
				const s = ioClient(server.url, {
					path: '/socket.io',
					transports: ['websocket'],
					extraHeaders: { cookie: c.cookieHeader, origin: server.url }
				});
				s.on('connect', () => resolve(s));
				s.on('connect_error', reject);
			});
		const join = (s: Socket, tavoloId: number) =>
			new Promise<{ ok: boolean }>((r) => s.emit('tavolo:join', { tavoloId }, r));
		const ids = new Database(server.dbPath, { readonly: true });
		const umbriaId = (
			ids.prepare('SELECT id FROM tavoli WHERE slug = ?').get(UMBRIA) as { id: number }
		).id;
		const cagliariId = (
			ids.prepare('SELECT id FROM tavoli WHERE slug = ?').get(CAGLIARI) as { id: number }
		).id;
		ids.close();
		const member = await connect(clients.componente2);
		const other = await connect(clients.outsiderComponente);
		try {
			expect((await join(member, umbriaId)).ok).toBe(true);
			expect((await join(other, cagliariId)).ok).toBe(true);
			// The outsider cannot join the Umbria room either.
			expect((await join(other, umbriaId)).ok).toBe(false);
			const seenByOther: string[] = [];
			other.onAny((event) => seenByOther.push(event));
			const notified = new Promise<{ notification: { kind: string; title: string } }>((r) =>
				member.on('notification', r)
			);
			const changed = new Promise<{ event: string }>((r) => member.on('meeting:changed', r));
			const id = await create(futureFields('Convocazione in diretta', '2027-07-01'));
			await act(id, 'agendaAdd', { title: 'Unico punto' });
			seenByOther.length = 0;
			await act(id, 'convene');
			const n = await notified;
			expect(n.notification.kind).toBe('riunione.convocata');
			expect(n.notification.title).toBe('Convocazione: Convocazione in diretta');
			expect((await changed).event).toBe('convocata');
			await new Promise((r) => setTimeout(r, 500));
			expect(seenByOther.filter((e) => e !== 'presence')).toEqual([]);
		} finally {
			member.close();
			other.close();
		}
	});
});

describe('riunioni: verbale pipeline', () => {
	it('creates the verbale pre-filled, circulates it, approves (frozen with SHA-256), and corrects by a linked verbale', async () => {
		const id = await convened('Riunione con verbale', soonMeetingFields('Riunione con verbale'));
		// Not before the meeting is held.
		const early = await act(id, 'minutesCreate');
		expect(early.status).toBe(400);
		expect(await early.text()).toContain('Il verbale si crea dopo la riunione');
		await act(id, 'attendance', {
			userId: String(await userIdOf(id, 'Paolo Ricci')),
			status: 'presente'
		});
		await act(id, 'attendance', {
			userId: String(await userIdOf(id, 'Elena Marchi')),
			status: 'remoto'
		});
		expect((await act(id, 'held')).status).toBe(200);
		expect((await act(id, 'minutesCreate', {}, clients.componente)).status).toBe(403);
		expect((await act(id, 'minutesCreate')).status).toBe(200);
		let s = await state(id);
		expect(s.minutes).toHaveLength(1);
		const v = s.minutes[0];
		expect(v.status).toBe('bozza');
		expect(v.text).toContain('Riunione con verbale');
		expect(v.text).toContain('Presenze');
		expect(v.text).toMatch(
			/Ispettorato Territoriale del Lavoro di Perugia: Paolo Ricci \(titolare\), presente/
		);
		expect(v.text).toMatch(/Comune di Perugia: Elena Marchi \(titolare\), collegato da remoto/);
		expect(v.text).toContain('1. Approvazione del verbale precedente');
		expect(v.text).toContain('2. Programmazione FAMI 2021-2027: stato di avanzamento');
		// A second verbale for the same meeting is refused.
		expect((await act(id, 'minutesCreate')).status).toBe(409);

		// Approving a draft is refused with a message.
		const tooSoon = await act(id, 'minutesApprove', { minutesId: String(v.id) });
		expect(tooSoon.status).toBe(400);
		expect(await tooSoon.text()).toContain('Il verbale non è in approvazione');
		const pastDeadline = await act(id, 'minutesCirculate', {
			minutesId: String(v.id),
			deadline: '2020-01-01'
		});
		expect(pastDeadline.status).toBe(400);
		expect(await pastDeadline.text()).toContain('La scadenza è già passata');

		mails.length = 0;
		expect(
			(await act(id, 'minutesCirculate', { minutesId: String(v.id), deadline: '2099-12-31' }))
				.status
		).toBe(200);
		expect((await state(id)).minutes[0].status).toBe('in_approvazione');
		await expect.poll(() => mails.length, { timeout: 10_000 }).toBeGreaterThan(0);
		const circ = mails.find((m) => /Verbale da approvare/.test(m.raw))!;
		expect(circ.to).toContain(DEMO.componente2);
		expect(circ.to).not.toContain(DEMO.componente); // Marco was not there
		// "What awaits me" shows the verbale to read.
		expect(await (await clients.componente2.get('/tavoli')).text()).toContain(
			'Verbale da leggere e approvare'
		);

		expect(
			(await act(id, 'minutesApprove', { minutesId: String(v.id) }, clients.componente2)).status
		).toBe(403);
		expect((await act(id, 'minutesApprove', { minutesId: String(v.id) })).status).toBe(200);
		s = await state(id);
		expect(s.meeting.status).toBe('verbale_approvato');
		expect(s.minutes[0].status).toBe('approvato');
		expect(s.minutes[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
		const again = await act(id, 'minutesApprove', { minutesId: String(v.id) });
		expect(again.status).toBe(400);
		expect(await again.text()).toContain('Il verbale non è in approvazione');
		const page = await (await clients.componente.get(`${base}/${id}`)).text();
		expect(page).toContain(s.minutes[0].contentHash!);

		// Correction: a new linked verbale; the first stays as approved until the correction is approved.
		expect((await act(id, 'minutesCorrect', { minutesId: String(v.id) })).status).toBe(200);
		s = await state(id);
		expect(s.minutes).toHaveLength(2);
		expect(s.minutes[1]).toMatchObject({ status: 'bozza', correctsId: v.id });
		expect(s.minutes[1].text).toContain(s.minutes[0].contentHash!);
		await act(id, 'minutesCirculate', { minutesId: String(s.minutes[1].id) });
		await act(id, 'minutesApprove', { minutesId: String(s.minutes[1].id) });
		s = await state(id);
		expect(s.minutes.map((x) => x.status)).toEqual(['superato', 'approvato']);
	});
});
