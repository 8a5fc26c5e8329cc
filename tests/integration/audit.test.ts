import Database from 'better-sqlite3';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { CAGLIARI, Client, DEMO, signedIn, UMBRIA } from '../helpers/http';
import { draftFields, publish, recordAndPublish } from '../helpers/decisions';
import { createDocument } from '../helpers/yjs';

interface Row {
	id: number;
	actor_id: number | null;
	actor_label: string;
	tavolo_id: number | null;
	action: string;
	target_type: string;
	target_id: string;
	ip: string;
}

let server: TestServer;
let seg: Client;
let db: Database.Database;
beforeAll(async () => {
	server = await startServer();
	seg = await signedIn(server.url, DEMO.segreteria);
	db = new Database(server.dbPath);
});
afterAll(async () => {
	db?.close();
	await server?.stop();
});

const id = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { id: number }).id;
const rows = (action: string, targetId?: string | number): Row[] =>
	db
		.prepare(
			`SELECT * FROM audit_log WHERE action = ? ${targetId === undefined ? '' : 'AND target_id = ?'}`
		)
		.all(...(targetId === undefined ? [action] : [action, String(targetId)])) as Row[];
const count = () => (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;

describe('audit log', () => {
	it('records one row per change with actor, tavolo, action, target and a truncated IP', async () => {
		const umbria = id('SELECT id FROM tavoli WHERE slug = ?', UMBRIA);
		const giulia = id('SELECT id FROM users WHERE email = ?', DEMO.segreteria);
		const paolo = db
			.prepare(
				'SELECT m.id, m.user_id AS userId, m.ente_id AS enteId FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ? AND m.tavolo_id = ?'
			)
			.get(DEMO.componente2, umbria) as { id: number; userId: number; enteId: number };

		// Membership change.
		const upd = await seg.form(`/tavoli/${UMBRIA}/membri?/update`, {
			membershipId: String(paolo.id),
			enteId: String(paolo.enteId),
			role: 'osservatore',
			representation: ''
		});
		expect(upd.status, await upd.clone().text()).toBeLessThan(400);
		// Meeting convocation.
		const base = `/tavoli/${UMBRIA}/riunioni`;
		const created = await seg.form(`${base}?/create`, {
			title: 'Riunione per il registro attività',
			date: '2027-02-10',
			startTime: '10:00',
			endTime: '12:00',
			modality: 'presenza',
			place: 'Perugia'
		});
		expect(created.status).toBe(303);
		const meeting = Number(/\/riunioni\/(\d+)/.exec(created.headers.get('location')!)![1]);
		expect((await seg.form(`${base}/${meeting}?/agendaAdd`, { title: 'Punto unico' })).status).toBe(
			200
		);
		expect((await seg.form(`${base}/${meeting}?/convene`, {})).status).toBe(200);
		// Decision publication.
		const decision = await recordAndPublish(seg, draftFields({ visibility: 'membri' }));
		// Document freeze.
		const doc = await createDocument(seg, UMBRIA, 'nota', 'Nota da congelare');
		expect((await seg.form(`/tavoli/${UMBRIA}/documenti/${doc}?/freeze`, {})).status).toBe(200);

		const cases: [string, string | number][] = [
			['membership.updated', paolo.userId],
			['meeting.convened', meeting],
			['decision.published', decision.id],
			['document.frozen', doc]
		];
		for (const [action, target] of cases) {
			const found = rows(action, target);
			expect(found, action).toHaveLength(1);
			expect(found[0]).toMatchObject({
				actor_id: giulia,
				tavolo_id: umbria,
				action,
				target_id: String(target),
				ip: '127.0.0.0/24'
			});
			expect(found[0].actor_label).toContain(DEMO.segreteria);
		}
		expect(rows('auth.signed_in').length).toBeGreaterThan(0);
		expect(rows('decision.drafted', decision.id)).toHaveLength(1);
	});

	it('a refused or failed action writes no row', async () => {
		const before = count();
		const comp = await signedIn(server.url, DEMO.componente);
		const afterLogin = count();
		expect(afterLogin).toBe(before + 1); // the sign-in itself
		const base = `/tavoli/${UMBRIA}/riunioni`;
		// A componente may not create a meeting (403); the segreteria may not publish twice (409);
		// an invalid membership change is a 400.
		expect(
			(
				await comp.form(`${base}?/create`, {
					title: 'No',
					date: '2027-02-11',
					startTime: '10:00',
					endTime: '11:00',
					modality: 'presenza',
					place: 'x'
				})
			).status
		).toBe(403);
		const published = (
			db.prepare("SELECT id FROM decisions WHERE status = 'pubblicata' LIMIT 1").get() as {
				id: number;
			}
		).id;
		expect((await publish(seg, published)).status).toBe(409);
		const marco = id(
			'SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id JOIN tavoli t ON t.id = m.tavolo_id WHERE u.email = ? AND t.slug = ?',
			DEMO.componente,
			UMBRIA
		);
		const bad = await seg.form(`/tavoli/${UMBRIA}/membri?/update`, {
			membershipId: String(marco),
			enteId: '2',
			role: 'componente',
			representation: ''
		});
		expect(bad.status).toBe(400);
		expect(count()).toBe(afterLogin);
	});

	it('SQLite refuses UPDATE and DELETE; only the armed purge removes old rows', () => {
		const any = (db.prepare('SELECT id FROM audit_log LIMIT 1').get() as { id: number }).id;
		expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE id = ?").run(any)).toThrow(
			/append-only/
		);
		expect(() => db.prepare('DELETE FROM audit_log WHERE id = ?').run(any)).toThrow(/append-only/);
		expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
		// A purge cannot be armed with a cutoff in the present.
		expect(() =>
			db.prepare('INSERT INTO audit_purge (id, cutoff) VALUES (1, ?)').run(new Date().toISOString())
		).toThrow(/at least a day old/);
		// Armed with an old cutoff, it deletes only what is older: the recent rows stay.
		db.prepare(
			"INSERT INTO audit_log (at, action, actor_label) VALUES ('2020-01-01T00:00:00.000Z', 'auth.signed_in', 'vecchio')"
		).run();
		const n = count();
		const purged = db.transaction(() => {
			db.prepare(
				"INSERT INTO audit_purge (id, cutoff) VALUES (1, '2021-01-01T00:00:00.000Z')"
			).run();
			const c = db.prepare('DELETE FROM audit_log WHERE at < ?').run('2021-01-01').changes;
			expect(() => db.prepare('DELETE FROM audit_log WHERE id = ?').run(any)).toThrow(
				/append-only/
			);
			db.prepare('DELETE FROM audit_purge').run();
			return c;
		})();
		expect(purged).toBe(1);
		expect(count()).toBe(n - 1);
	});

	it('the segreteria reads its own tavolo only; others get what the policy says', async () => {
		const page = await seg.get(`/tavoli/${UMBRIA}/registro-attivita?azione=document.frozen`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Nota da congelare');
		expect(html).toContain('127.0.0.0/24');
		expect(html).not.toContain('Riunione per il registro attività'); // filtered out
		expect(await (await seg.get(`/tavoli/${UMBRIA}`)).text()).toContain('/registro-attivita');

		const cagliariSeg = await signedIn(server.url, DEMO.outsider);
		const other = await cagliariSeg.get(`/tavoli/${UMBRIA}/registro-attivita`);
		expect([403, 404]).toContain(other.status);
		expect(await other.text()).not.toContain('Nota da congelare');
		const otherCsv = await cagliariSeg.get(`/tavoli/${UMBRIA}/registro-attivita/attivita.csv`);
		expect([403, 404]).toContain(otherCsv.status);
		const own = await cagliariSeg.get(`/tavoli/${CAGLIARI}/registro-attivita/attivita.csv`);
		expect(own.status).toBe(200);
		const ownRows = parseCsv(await own.text(), { bom: true, columns: true }) as Record<
			string,
			string
		>[];
		expect(ownRows.every((r) => r.tavolo === CAGLIARI)).toBe(true);
		expect(ownRows.map((r) => r.target).join()).not.toContain('Nota da congelare');

		for (const who of [DEMO.componente, DEMO.osservatore]) {
			const c = await signedIn(server.url, who);
			expect((await c.get(`/tavoli/${UMBRIA}/registro-attivita`)).status).toBe(403);
			expect(await (await c.get(`/tavoli/${UMBRIA}`)).text()).not.toContain('/registro-attivita');
		}
		expect((await seg.get('/admin/audit')).status).toBe(403);
	});

	it('exports CSV that csv-parse reads back, for the segreteria and the admin', async () => {
		const res = await seg.get(`/tavoli/${UMBRIA}/registro-attivita/attivita.csv`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/csv');
		const parsed = parseCsv(await res.text(), { bom: true, columns: true }) as Record<
			string,
			string
		>[];
		const frozen = parsed.filter(
			(r) => r.action === 'document.frozen' && r.target === 'Nota da congelare'
		);
		expect(frozen).toHaveLength(1);
		expect(frozen[0]).toMatchObject({
			tavolo: UMBRIA,
			ip: '127.0.0.0/24',
			target: 'Nota da congelare'
		});
		expect(frozen[0].actor).toContain(DEMO.segreteria);
		// The export is itself recorded.
		expect(rows('audit.exported').length).toBeGreaterThan(0);

		const admin = await signedIn(server.url, DEMO.admin);
		const all = await admin.get('/admin/audit/attivita.csv?azione=auth.signed_in');
		expect(all.status).toBe(200);
		const signIns = parseCsv(await all.text(), { bom: true, columns: true }) as Record<
			string,
			string
		>[];
		expect(signIns.length).toBeGreaterThanOrEqual(4);
		expect(new Set(signIns.map((r) => r.action))).toEqual(new Set(['auth.signed_in']));
		const html = await (await admin.get('/admin/audit')).text();
		expect(html).toContain(CAGLIARI);
		expect(html).toContain(UMBRIA);
	});
});
