import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { startServer, type TestServer } from '../helpers/server';
import { DEMO, UMBRIA, signedIn, type Client } from '../helpers/http';
import { draftFields, recordAndPublish } from '../helpers/decisions';

let server: TestServer;
let seg: Client;
beforeAll(async () => {
	server = await startServer();
	seg = await signedIn(server.url, DEMO.segreteria);
});
afterAll(() => server?.stop());

// Asynchronous on purpose: a spawnSync blocked this process for seconds under load, long enough
// for the server to close an idle keep-alive socket that the next fetch then reused ("other side
// closed").
function cli(): Promise<{ status: number | null; out: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/register-verify.ts'], {
			env: { ...process.env, DATABASE_PATH: server.dbPath }
		});
		let out = '';
		child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
		child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, out }));
	});
}

interface Exported {
	numero: string;
	anno: number;
	progressivo: number;
	tavolo_id: number;
	titolo: string;
	testo: string;
	tipo: string;
	esito: string;
	votazione: string;
	voti: { ente_id: number; ente: string; voto: string }[];
	allegati: { sha256: string }[];
	data_decisione: string;
	data_pubblicazione: string;
	rettifica: string | null;
	visibilita: string;
	catena: { sequenza: number; hash_precedente: string | null; hash: string };
}

/** The algorithm exactly as docs/registro.md states it, from the JSON export alone. */
function recompute(d: Exported): string {
	const canonical = JSON.stringify([
		'raccordo/decisione/1',
		d.tavolo_id,
		d.visibilita,
		d.catena.sequenza,
		d.anno,
		d.progressivo,
		d.data_decisione,
		d.data_pubblicazione,
		d.titolo,
		d.testo,
		d.tipo,
		d.esito,
		d.votazione,
		[...d.voti].sort((a, b) => a.ente_id - b.ente_id).map((v) => [v.ente_id, v.ente, v.voto]),
		d.allegati.map((a) => a.sha256),
		d.rettifica,
		d.catena.hash_precedente
	]);
	return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

async function exportAll(): Promise<Exported[]> {
	const out: Exported[] = [];
	let next: string | null = '/registro.json?per_pagina=7';
	while (next) {
		const page = (await (await fetch(server.url + next)).json()) as {
			decisioni: Exported[];
			successiva: string | null;
		};
		out.push(...page.decisioni);
		next = page.successiva;
	}
	return out;
}

describe('hash chain', () => {
	let published: { id: number; ref: string }[] = [];
	beforeAll(async () => {
		for (let i = 1; i <= 5; i++)
			published.push(
				await recordAndPublish(
					seg,
					draftFields({
						title: `Decisione concatenata ${i}`,
						body: `Testo della decisione concatenata numero ${i}, con accenti: è à ù “virgolette”.`
					})
				)
			);
		published.push(
			await recordAndPublish(
				seg,
				draftFields({ title: 'Decisione riservata concatenata', visibility: 'riservata' })
			)
		);
	});

	it('verify passes on an untouched register (CLI and public page)', async () => {
		const r = await cli();
		expect(r.out).toContain('Catene integre');
		expect(r.status).toBe(0);
		const page = await (await fetch(`${server.url}/registro/verifica`)).text();
		expect(page).toMatch(/Catene integre: \d+ decisioni pubbliche verificate/);
	});

	it('anyone recomputes the same chain from the JSON export alone', async () => {
		const all = await exportAll();
		expect(all.length).toBeGreaterThanOrEqual(8);
		const byTavolo = new Map<number, Exported[]>();
		for (const d of all)
			(byTavolo.get(d.tavolo_id) ?? byTavolo.set(d.tavolo_id, []).get(d.tavolo_id)!).push(d);
		for (const chain of byTavolo.values()) {
			chain.sort((a, b) => a.catena.sequenza - b.catena.sequenza);
			let prev: string | null = null;
			chain.forEach((d, i) => {
				expect(d.catena.sequenza).toBe(i + 1);
				expect(d.catena.hash_precedente).toBe(prev);
				expect(recompute(d), d.numero).toBe(d.catena.hash);
				prev = d.catena.hash;
			});
		}
		// Changing one character of the text in the export no longer matches its hash.
		const tampered = { ...all[0], testo: all[0].testo + '.' };
		expect(recompute(tampered)).not.toBe(all[0].catena.hash);
	});

	it('a row changed directly in SQLite is named by verify (CLI and public page)', async () => {
		const victim = published[2];
		const raw = new Database(server.dbPath);
		try {
			// The triggers stop the app and casual writes; an attacker with the file drops them first.
			expect(() =>
				raw.prepare('UPDATE decisions SET body = ? WHERE id = ?').run('testo alterato', victim.id)
			).toThrow();
			raw.exec('DROP TRIGGER decisions_published_no_update');
			raw
				.prepare('UPDATE decisions SET body = ? WHERE id = ?')
				.run('Testo alterato da chi ha accesso al file.', victim.id);
		} finally {
			raw.close();
		}
		const r = await cli();
		expect(r.status).toBe(1);
		expect(r.out).toContain(
			`decisione ${victim.ref} (${UMBRIA}, id ${victim.id}): il contenuto non corrisponde più al suo hash`
		);
		const page = await (await fetch(`${server.url}/registro/verifica`)).text();
		expect(page).toContain('Catena spezzata');
		expect(page).toContain(`<strong>${victim.ref}</strong>`);
		// The JSON export shows the altered text, which no longer recomputes to its published hash.
		const altered = (await exportAll()).find((d) => d.numero === victim.ref)!;
		expect(altered.testo).toBe('Testo alterato da chi ha accesso al file.');
		expect(recompute(altered)).not.toBe(altered.catena.hash);
	});

	it('the CLI also checks the non-public chains, which the public page never shows', async () => {
		const reserved = published[5];
		const raw = new Database(server.dbPath);
		try {
			raw
				.prepare('UPDATE decisions SET title = ? WHERE id = ?')
				.run('Titolo riservato alterato', reserved.id);
		} finally {
			raw.close();
		}
		const r = await cli();
		expect(r.out).toContain(`decisione ${reserved.ref} (${UMBRIA}, id ${reserved.id})`);
		const page = await (await fetch(`${server.url}/registro/verifica`)).text();
		expect(page).not.toContain('Titolo riservato alterato');
		expect(page).not.toContain(`<strong>${reserved.ref}</strong>`);
	});
});
