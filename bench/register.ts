/**
 * `npm run bench:register`: the public register under load, against the same server's /healthz
 * measured in the same run as the reference.
 *
 * 1. builds a temporary database: demo seed + 20 public tavoli + 10,000 published public decisions
 *    (through the real publication code: numbering, chain, full-text index);
 * 2. starts the built server (run `npx vite build` first) on a free port;
 * 3. autocannon, 50 connections, on /healthz, /registro, a filtered /registro, /registro.json,
 *    a conditional GET (If-None-Match → 304) and, for the uncached render path, a different search
 *    on every request.
 * Prints req/s and latency percentiles, and whether the targets hold (p99 < 50 ms, ≥ ½ reference).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { productionNodeFlags } from './production-flags';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const TAVOLI = 20;
const DECISIONS = 10_000;

if (!existsSync('build/handler.js')) {
	console.error('Build the app first: npx vite build');
	process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'raccordo-bench-'));
process.env.DATABASE_PATH = join(dir, 'bench.sqlite');
process.env.DEMO_PASSWORD = 'bench-password';

async function seed(): Promise<void> {
	const { db, closeDb } = await import('../src/lib/server/db/index.js');
	const { seedDemo } = await import('../src/lib/server/demo/seed.js');
	const { seedDecisions } = await import('../src/lib/server/decisions/demo.js');
	const { publishInternal } = await import('../src/lib/server/decisions/index.js');
	await seedDemo([seedDecisions]);
	const d = db();
	const regions = [
		'Umbria',
		'Sardegna',
		'Lazio',
		'Toscana',
		'Puglia',
		'Piemonte',
		'Campania',
		'Veneto',
		'Sicilia',
		'Marche'
	];
	const types = [
		'approvazione_piano',
		'approvazione_verbale',
		'parere',
		'accordo',
		'indirizzo',
		'altro'
	];
	const outcomes = ['approvata', 'approvata', 'approvata', 'respinta', 'rinviata'];
	const topics = [
		'tirocini di inserimento',
		'mediazione linguistica',
		'formazione professionale',
		'contrasto al caporalato',
		'alloggi per lavoratori stagionali',
		'orientamento al lavoro',
		'rete dei servizi per l’impiego',
		'programmazione FAMI',
		'certificazione delle competenze',
		'sportelli informativi'
	];
	const tavoli: number[] = [];
	const insT = d.prepare('INSERT INTO tavoli (slug, name, region, is_public) VALUES (?, ?, ?, 1)');
	for (let i = 0; i < TAVOLI; i++) {
		const region = regions[i % regions.length];
		tavoli.push(
			Number(
				insT.run(
					`tavolo-bench-${i + 1}`,
					`Tavolo tecnico ${i + 1} per l’integrazione – ${region}`,
					region
				).lastInsertRowid
			)
		);
	}
	const insD = d.prepare(
		`INSERT INTO decisions (tavolo_id, title, body, type, outcome, voting, visibility, decided_on) VALUES (?, ?, ?, ?, ?, 'consenso', 'pubblica', ?)`
	);
	const start = Date.UTC(2024, 0, 10);
	const t0 = Date.now();
	for (let i = 0; i < DECISIONS; i++) {
		const topic = topics[i % topics.length];
		const when = new Date(start + i * 2.5 * 3600_000); // ~3 years spread, in order
		const id = Number(
			insD.run(
				tavoli[i % TAVOLI],
				`Decisione sul tema ${topic} n. ${i + 1}`,
				`Il Tavolo, esaminata la proposta della segreteria in materia di ${topic}, delibera di procedere secondo quanto illustrato e di riferire alla prossima seduta. Testo ${i + 1}.`,
				types[i % types.length],
				outcomes[i % outcomes.length],
				when.toISOString().slice(0, 10)
			).lastInsertRowid
		);
		publishInternal(id, null, when);
	}
	console.log(
		`Seeded ${DECISIONS} published decisions across ${TAVOLI} tavoli in ${((Date.now() - t0) / 1000).toFixed(1)} s`
	);
	closeDb();
}

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
	const proc = spawn(process.execPath, [...productionNodeFlags(), 'server/index.js'], {
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			SEED_DEMO: '0',
			ORIGIN: '',
			RACCORDO_LOCAL: '1'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	proc.stderr!.on('data', (c) => (out += c));
	const port = await new Promise<number>((resolve, reject) => {
		proc.stdout!.on('data', (c) => {
			out += c;
			const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
			if (m) resolve(Number(m[1]));
		});
		proc.on('exit', (code) => reject(new Error(`server exited ${code}\n${out}`)));
	});
	const exited = new Promise<void>((r) => proc.once('exit', () => r()));
	return {
		url: `http://127.0.0.1:${port}`,
		stop: async () => {
			proc.kill('SIGTERM');
			await exited;
		}
	};
}

interface Figures {
	name: string;
	rps: number;
	p50: number;
	p99: number;
	non2xx: number;
	bytes: number;
}

async function load(
	name: string,
	url: string,
	opts: Partial<autocannon.Options> = {}
): Promise<Figures> {
	// Like browsers and HTTP clients, ask for gzip (the register serves cached bodies precompressed).
	const r = await autocannon({
		url,
		connections: CONNECTIONS,
		duration: DURATION,
		...opts,
		headers: { 'accept-encoding': 'gzip', ...(opts.headers ?? {}) }
	});
	return {
		name,
		rps: r.requests.average,
		p50: r.latency.p50,
		p99: r.latency.p99,
		non2xx: r.non2xx,
		bytes: r.throughput.average
	};
}

await seed();
const server = await startServer();
try {
	const base = server.url;
	const filtered = `${base}/registro?regione=Lazio&anno=2025&tipo=parere`;
	// Warm-up and sanity: every path answers 200.
	for (const p of [
		'/healthz',
		'/registro',
		'/registro?regione=Lazio&anno=2025&tipo=parere',
		'/registro.json'
	]) {
		const res = await fetch(base + p);
		if (res.status !== 200) throw new Error(`${p} → ${res.status}`);
	}
	const total = (
		(await (await fetch(`${base}/registro.json?per_pagina=1`)).json()) as { totale: number }
	).totale;
	const etag = (await fetch(`${base}/registro`)).headers.get('etag')!;
	const results: Figures[] = [];
	results.push(await load('/healthz (reference)', `${base}/healthz`));
	results.push(await load('/registro', `${base}/registro`));
	results.push(await load('/registro?regione=Lazio&anno=2025&tipo=parere', filtered));
	results.push(await load('/registro.json (50 per page)', `${base}/registro.json`));
	results.push(
		await load('/registro with If-None-Match (304)', `${base}/registro`, {
			headers: { 'if-none-match': etag }
		})
	);
	// Every request a different URL: nothing can come from the cache (full render + FTS search).
	let n = 0;
	results.push(
		await load('/registro?q=<a different number each request> (never cached)', `${base}/registro`, {
			requests: [
				{ setupRequest: (req) => ({ ...req, path: `/registro?q=${1 + (n++ % 1_000_000)}` }) }
			]
		})
	);
	const ref = results[0].rps;
	console.log(
		`\nRegister: ${total} public decisions. autocannon, ${CONNECTIONS} connections, ${DURATION} s each.`
	);
	console.log(
		`Machine: ${cpus().length} cores, load average ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' / ')} (1/5/15 min) at the end.\n`
	);
	console.log('| path | req/s | p50 ms | p99 ms | non-2xx | vs reference | targets |');
	console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
	for (const r of results) {
		const share = r.rps / ref;
		const isRef = r === results[0];
		const ok = r.p99 < 50 && share >= 0.5;
		console.log(
			`| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${isRef ? '—' : (share * 100).toFixed(0) + ' %'} | ${isRef ? '' : ok ? 'met' : 'NOT met'} |`
		);
	}
} finally {
	await server.stop();
	if (process.env.BENCH_KEEP) console.log(`Database kept: ${process.env.DATABASE_PATH}`);
	else rmSync(dir, { recursive: true, force: true });
}
