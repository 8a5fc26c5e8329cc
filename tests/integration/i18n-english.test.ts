// A person who chose English sees no Italian interface text on any main page. Demo data (titles,
// names, agendas) is Italian, so the check compares UI text only: each visible text node against
// the Italian dictionaries' own strings, and the labels (nav, buttons, column headers, form labels)
// against common Italian UI words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type TestServer } from '../helpers/server';
import { Client, DEMO, UMBRIA, signedIn } from '../helpers/http';
import { core } from '../../src/lib/i18n/core';
import { documents } from '../../src/lib/i18n/documents';
import { meetings } from '../../src/lib/i18n/meetings';
import { plans } from '../../src/lib/i18n/plans';
import { decisions } from '../../src/lib/i18n/decisions';
import { pages } from '../../src/lib/i18n/pages';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

function db<T>(fn: (d: Database.Database) => T): T {
	const d = new Database(server.dbPath);
	try {
		return fn(d);
	} finally {
		d.close();
	}
}

/** Italian UI strings whose English differs: none may be a whole text node of an English page. */
const DICTS = [core, documents, meetings, plans, decisions, pages] as {
	it: Record<string, string>;
	en: Record<string, string>;
}[];
// Words English keeps too (tavolo, "Note") are not Italian-only.
const ENGLISH = new Set(DICTS.flatMap((d) => Object.values(d.en).map((v) => v.trim())));
const ITALIAN_UI = new Set(
	DICTS.flatMap((d) => Object.values(d.it).map((v) => v.trim())).filter(
		(v) => !ENGLISH.has(v) && !v.includes('{') && v.length >= 4
	)
);
/** A label may quote a record's (Italian) title: “…” or «…» is user content. */
const unquote = (s: string) => s.replace(/“[^”]*”|«[^»]*»/g, '');
const ITALIAN_WORDS =
	/\b(Riunioni|Documenti|Salva|Membri|Decisioni|Annulla|Nessun[ao]?|della|delle|Cerca|Modifica|Elimina|Aggiungi|Invia|Rinomina|Archivia|Stato|Titolo|Ruolo|Azioni|Esci|Accedi|Notifiche)\b/;

const decode = (s: string) =>
	s
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ')
		.trim();

function visible(html: string): string {
	return html
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<style[\s\S]*?<\/style>/g, '')
		.replace(/<!--[\s\S]*?-->/g, '');
}

/** Problems on one page: Italian UI strings as text nodes or attributes, Italian words in labels. */
function italianOn(html: string): string[] {
	const body = visible(html);
	const found: string[] = [];
	for (const m of body.matchAll(/>([^<>]+)</g)) {
		const text = decode(m[1]);
		if (ITALIAN_UI.has(text)) found.push(`text «${text}»`);
	}
	for (const m of body.matchAll(/\s(?:aria-label|placeholder|title)="([^"]+)"/g)) {
		const text = decode(m[1]);
		if (ITALIAN_UI.has(text)) found.push(`attribute «${text}»`);
	}
	// Labels: the interface's own words, never user content (ente and person names are in <option>).
	for (const m of body.matchAll(/<(button|th|label|legend)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
		if (/scope="row"/.test(m[0])) continue; // a row header is a record's title
		const text = decode(m[2].replace(/<[^>]+>/g, ' '));
		if (ITALIAN_WORDS.test(unquote(text))) found.push(`${m[1]} «${text}»`);
	}
	const nav = [...body.matchAll(/<nav\b[^>]*>([\s\S]*?)<\/nav>/g)].map((m) => m[1]).join(' ');
	for (const m of nav.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/g)) {
		const text = decode(m[1].replace(/<[^>]+>/g, ' '));
		if (ITALIAN_WORDS.test(text)) found.push(`nav «${text}»`);
	}
	return found;
}

describe('the interface in English', () => {
	it('shows no Italian interface text on any main page once English is chosen', async () => {
		db((d) =>
			d
				.prepare("UPDATE users SET locale = 'en' WHERE email IN (?, ?)")
				.run(DEMO.segreteria, DEMO.admin)
		);
		const ids = db((d) => {
			const tavolo = d.prepare('SELECT id FROM tavoli WHERE slug = ?').get(UMBRIA) as {
				id: number;
			};
			const one = (sql: string) =>
				(d.prepare(sql).get(tavolo.id) as { id: number } | undefined)?.id;
			return {
				document: one('SELECT id FROM documents WHERE tavolo_id = ? ORDER BY id LIMIT 1'),
				meeting: one('SELECT id FROM meetings WHERE tavolo_id = ? ORDER BY id LIMIT 1'),
				decision: one('SELECT id FROM decisions WHERE tavolo_id = ? ORDER BY id LIMIT 1')
			};
		});
		const seg = await signedIn(server.url, DEMO.segreteria);
		const admin = await signedIn(server.url, DEMO.admin);
		const t = `/tavoli/${UMBRIA}`;
		const visits: [Client, string][] = [
			[seg, '/tavoli'],
			[seg, t],
			[seg, `${t}/membri`],
			[seg, `${t}/documenti`],
			[seg, `${t}/riunioni`],
			[seg, `${t}/decisioni`],
			[seg, `${t}/piano`],
			[seg, '/piani'],
			[seg, '/account'],
			[seg, '/notifiche'],
			[seg, '/registro'],
			[admin, '/admin'],
			[admin, '/admin/enti'],
			[admin, '/admin/tavoli']
		];
		if (ids.document) visits.push([seg, `${t}/documenti/${ids.document}`]);
		if (ids.meeting) visits.push([seg, `${t}/riunioni/${ids.meeting}`]);
		if (ids.decision) visits.push([seg, `${t}/decisioni/${ids.decision}`]);
		expect(ids.document && ids.meeting).toBeTruthy();

		const problems: string[] = [];
		for (const [client, path] of visits) {
			const res = await client.get(path);
			expect(res.status, path).toBe(200);
			const html = await res.text();
			expect(html, path).toContain('<html lang="en"');
			for (const p of italianOn(html)) problems.push(`${path}: ${p}`);
		}
		expect(problems).toEqual([]);

		// The same check finds the Italian interface when Italian is chosen: it is not vacuous.
		db((d) => d.prepare("UPDATE users SET locale = 'it' WHERE email = ?").run(DEMO.segreteria));
		const italian = await (await seg.get(`${t}/documenti`)).text();
		expect(italianOn(italian).length).toBeGreaterThan(3);
	});
});
