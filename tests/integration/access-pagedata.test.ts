/**
 * Issue 11, confidentiality: every route of the app (found on disk, so a new route is scanned
 * without touching this file), as every role, HTML and page data (`__data.json` the way the
 * SvelteKit client asks for it), must never carry a marker of a row that role may not read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type TestServer } from '../helpers/server';
import { CAGLIARI, Client, DEMO, UMBRIA, signedIn } from '../helpers/http';
import { draftFields, recordAndPublish } from '../helpers/decisions';
import { appRoutes, dataUrl, expandRoute, type Fixture } from '../helpers/routes';

const ROLES = [
	'anonymous',
	'outsider',
	'osservatore',
	'altroComponente',
	'componente',
	'segreteria',
	'admin'
] as const;
type Role = (typeof ROLES)[number];

const UMB_READERS: Role[] = ['osservatore', 'componente', 'segreteria', 'admin'];
// Chiara Longo observes both tavoli; Stefano Melis sits only at Cagliari's.
const CAG_READERS: Role[] = ['osservatore', 'altroComponente', 'admin'];

// Unique markers of rows with restricted readers; each appears nowhere else in the app.
const MARKERS: Record<string, Role[]> = {
	'Zqdoc Umbria riservato': UMB_READERS,
	'Zqriunione Umbria': UMB_READERS,
	'Zqpunto Umbria': UMB_READERS,
	'Zqazione Umbria': UMB_READERS,
	'Zqpersona Umbra': UMB_READERS,
	'Zqdecisione riservata Umbria': ['segreteria'],
	'Zqnotifica di Giulia': ['segreteria'],
	'Zqdoc Cagliari': CAG_READERS,
	'Zqriunione Cagliari': CAG_READERS,
	'Zqpersona Sarda': CAG_READERS
};

let server: TestServer;
const clients = {} as Record<Role, Client>;
let fixture: Fixture;

function sql(run: (d: Database.Database) => void): void {
	const d = new Database(server.dbPath);
	try {
		run(d);
	} finally {
		d.close();
	}
}

beforeAll(async () => {
	server = await startServer();
	const seg = await signedIn(server.url, DEMO.segreteria);
	const riservata = await recordAndPublish(
		seg,
		draftFields({ title: 'Zqdecisione riservata Umbria', visibility: 'riservata' })
	);
	const ids: Partial<Fixture> = {};
	sql((d) => {
		const tavolo = (slug: string) =>
			(d.prepare('SELECT id FROM tavoli WHERE slug = ?').get(slug) as { id: number }).id;
		const umb = tavolo(UMBRIA);
		const cag = tavolo(CAGLIARI);
		const hash = (
			d.prepare('SELECT password_hash AS h FROM users WHERE email = ?').get(DEMO.admin) as {
				h: string;
			}
		).h;
		// A signed-in person with no seat anywhere, with the demo password.
		d.prepare('INSERT INTO users (email, name, password_hash) VALUES (?, ?, ?)').run(
			'esterno@demo.raccordo.it',
			'Utente Esterno',
			hash
		);
		const person = (name: string, tavoloId: number) => {
			const u = d
				.prepare('INSERT INTO users (email, name, password_hash) VALUES (?, ?, NULL)')
				.run(`${name.replace(/\W/g, '').toLowerCase()}@demo.raccordo.it`, name);
			const ente = (
				d
					.prepare('SELECT ente_id AS e FROM memberships WHERE tavolo_id = ? LIMIT 1')
					.get(tavoloId) as {
					e: number;
				}
			).e;
			d.prepare(
				"INSERT INTO memberships (tavolo_id, user_id, ente_id, role, representation) VALUES (?, ?, ?, 'osservatore', NULL)"
			).run(tavoloId, u.lastInsertRowid, ente);
		};
		person('Zqpersona Umbra', umb);
		person('Zqpersona Sarda', cag);
		const doc = (tavoloId: number, title: string) => {
			const row = d
				.prepare(
					"SELECT id FROM documents WHERE tavolo_id = ? AND kind IN ('nota','accordo') ORDER BY created_at LIMIT 1"
				)
				.get(tavoloId) as { id: string } | undefined;
			let id = row?.id;
			if (!id) {
				id = `zq${tavoloId}${Date.now().toString(36)}`;
				d.prepare(
					"INSERT INTO documents (id, tavolo_id, kind, title) VALUES (?, ?, 'nota', ?)"
				).run(id, tavoloId, title);
			} else d.prepare('UPDATE documents SET title = ? WHERE id = ?').run(title, id);
			return id;
		};
		ids.docUmbria = doc(umb, 'Zqdoc Umbria riservato');
		ids.docCagliari = doc(cag, 'Zqdoc Cagliari');
		const meeting = (tavoloId: number, title: string) => {
			const r = d
				.prepare(
					`INSERT INTO meetings (tavolo_id, uid, title, starts_at, ends_at, modality, status)
					 VALUES (?, ?, ?, ?, ?, 'online', 'convocata')`
				)
				.run(
					tavoloId,
					`zq-${tavoloId}-${Date.now()}@test`,
					title,
					new Date(Date.now() + 86400e3).toISOString(),
					new Date(Date.now() + 90000e3).toISOString()
				);
			return Number(r.lastInsertRowid);
		};
		ids.meetingUmbria = meeting(umb, 'Zqriunione Umbria');
		ids.meetingCagliari = meeting(cag, 'Zqriunione Cagliari');
		d.prepare(
			"INSERT INTO agenda_items (meeting_id, position, title) VALUES (?, 1, 'Zqpunto Umbria')"
		).run(ids.meetingUmbria);
		const action = d
			.prepare('SELECT rowid AS r FROM plan_actions WHERE tavolo_id = ? ORDER BY position LIMIT 1')
			.get(umb) as { r: number } | undefined;
		if (!action) throw new Error('the demo seed has no plan action in Umbria');
		d.prepare("UPDATE plan_actions SET title = 'Zqazione Umbria' WHERE rowid = ?").run(action.r);
		const giulia = (
			d.prepare('SELECT id FROM users WHERE email = ?').get(DEMO.segreteria) as { id: number }
		).id;
		d.prepare(
			"INSERT INTO notifications (user_id, tavolo_id, kind, title) VALUES (?, ?, 'prova', 'Zqnotifica di Giulia')"
		).run(giulia, umb);
		const version = d
			.prepare('SELECT id FROM document_versions WHERE document_id = ? LIMIT 1')
			.get(ids.docUmbria) as { id: number } | undefined;
		ids.versionUmbria = version ? String(version.id) : '1';
		ids.tavoloUmbria = umb;
		ids.tavoloCagliari = cag;
	});
	fixture = {
		...(ids as Fixture),
		decisionUmbria: riservata.id,
		decisionYear: riservata.year,
		decisionNumber: riservata.number
	};
	clients.anonymous = new Client(server.url);
	clients.outsider = await signedIn(server.url, 'esterno@demo.raccordo.it');
	clients.osservatore = await signedIn(server.url, DEMO.osservatore);
	clients.altroComponente = await signedIn(server.url, DEMO.outsiderComponente);
	clients.componente = await signedIn(server.url, DEMO.componente);
	clients.segreteria = seg;
	clients.admin = await signedIn(server.url, DEMO.admin);
}, 60_000);
afterAll(() => server?.stop());

describe('page data scan', () => {
	it('finds the routes on disk, including the tavolo workspace and the JSON endpoints', () => {
		const ids = appRoutes().map((r) => r.id);
		expect(ids).toContain('/tavoli/[slug]/riunioni/[id]');
		expect(ids).toContain('/api/riunioni/[id]');
		expect(ids).toContain('/riunioni/[id].ics');
	});

	it('no role ever receives a marker of a row it may not read, in HTML or __data.json', async () => {
		const leaks: string[] = [];
		const seen = new Set<string>();
		for (const route of appRoutes()) {
			for (const path of expandRoute(route, fixture)) {
				const urls = route.page ? [path, dataUrl(path)] : [path];
				for (const role of ROLES) {
					for (const url of urls) {
						const res = await clients[role].get(url, {
							headers: { accept: url.includes('__data.json') ? '*/*' : 'text/html' }
						});
						const body = await res.text();
						expect(res.status, `${role} ${url}`).toBeLessThan(500);
						for (const [marker, readers] of Object.entries(MARKERS)) {
							if (!body.includes(marker)) continue;
							if (readers.includes(role)) seen.add(marker);
							else leaks.push(`${role} ${url}: ${marker}`);
						}
					}
				}
			}
		}
		expect(leaks).toEqual([]);
		// The scan is not vacuous: each marker does reach the people who may read it.
		expect([...seen].sort()).toEqual(Object.keys(MARKERS).sort());
	}, 240_000);
});
