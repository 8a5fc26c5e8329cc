/**
 * npm run bench:realtime — Raccordo's Yjs server (the real built server: auth + SQLite persistence)
 * against two reference servers in memory without auth: @y/websocket-server 0.1.1 (y-websocket
 * clients) and @hocuspocus/server 4 (its own provider). Same load, servers alternated within the run.
 *
 * Every server runs in its own child process with bench/servers/probe.mjs preloaded, which reports
 * RSS and heap (after a full GC when asked) over IPC. Clients run in this process and measure the
 * propagation delay from a writer's edit to each other client of the document (same clock).
 *
 * BENCH_QUICK=1 for a shorter run (one round, shorter load and heap wait). Run `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';

const QUICK = process.env.BENCH_QUICK === '1';
const CFG = QUICK
	? { rounds: 1, loadSec: 5, manyLoadSec: 5, heapMaxSec: 40, historyUpdates: 10_000 }
	: { rounds: 2, loadSec: 10, manyLoadSec: 10, heapMaxSec: 60, historyUpdates: 10_000 };
const PASSWORD = 'bench-password-1';
const SLUG = 'integrazione-lavorativa-umbria';
const WRITER_EMAIL = 'giulia.ferretti@demo.raccordo.it';

type Kind = 'raccordo' | 'y-websocket-server' | 'hocuspocus';
const KINDS: Kind[] = (['raccordo', 'y-websocket-server', 'hocuspocus'] as Kind[]).filter(
	(k) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(k)
);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'one,many,history').split(',');

interface Mem {
	rss: number;
	heapUsed: number;
}

interface Srv {
	kind: Kind;
	proc: ChildProcess;
	port: number;
	dir?: string;
	cookie?: string;
	mem(gc?: boolean): Promise<Mem>;
	stop(): Promise<void>;
	/** Room names (Raccordo: ids of documents it created). */
	docs(n: number): Promise<string[]>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

function spawnServer(kind: Kind, env: Record<string, string> = {}, dir?: string): Promise<Srv> {
	const script =
		kind === 'raccordo'
			? 'server/index.js'
			: kind === 'hocuspocus'
				? 'bench/servers/hocuspocus.mjs'
				: 'bench/servers/y-websocket-server.mjs';
	const workdir =
		kind === 'raccordo' ? (dir ?? mkdtempSync(join(tmpdir(), 'raccordo-bench-'))) : undefined;
	const { ORIGIN: _o, ...inherited } = process.env;
	const proc = spawn(
		process.execPath,
		[
			...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
			'--expose-gc',
			'--import',
			'./bench/servers/probe.mjs',
			script
		],
		{
			env: {
				...inherited,
				NODE_ENV: 'production',
				PORT: '0',
				HOST: '127.0.0.1',
				...(workdir ? { DATABASE_PATH: join(workdir, 'raccordo.sqlite') } : {}),
				DEMO_PASSWORD: PASSWORD,
				SEED_DEMO: '1',
				LOGIN_RATE_IP: '100000',
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe', 'ipc']
		}
	);
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	let seq = 0;
	const waiting = new Map<number, (m: Mem) => void>();
	proc.on('message', (m: { type: string; id: number } & Mem) => {
		if (m?.type === 'mem') (waiting.get(m.id)?.(m), waiting.delete(m.id));
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${kind} did not start:\n${out}`)), 30_000);
		proc.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`${kind} exited (${code}):\n${out}`));
		});
		const onData = async () => {
			const m = /listening on (?:http:\/\/[^:]+:|port )(\d+)/.exec(out);
			if (!m) return;
			proc.stdout!.off('data', onData);
			clearTimeout(timer);
			const port = Number(m[1]);
			const srv: Srv = {
				kind,
				proc,
				port,
				dir: workdir,
				mem: (gc = false) =>
					new Promise((res) => {
						const id = ++seq;
						waiting.set(id, res);
						proc.send({ type: 'mem', id, gc });
					}),
				stop: () =>
					new Promise<void>((res) => {
						if (proc.exitCode !== null) return res();
						proc.removeAllListeners('exit');
						proc.once('exit', () => res());
						proc.kill('SIGTERM');
					}),
				docs: async (n) => {
					if (kind !== 'raccordo')
						return Array.from({ length: n }, (_, i) => `bench-${i}-${Date.now()}`);
					const ids: string[] = [];
					for (let i = 0; i < n; i++) ids.push(await createDoc(srv, `Documento di prova ${i}`));
					return ids;
				}
			};
			if (kind === 'raccordo') srv.cookie = await login(port);
			resolve(srv);
		};
		proc.stdout!.on('data', onData);
	});
}

async function login(port: number): Promise<string> {
	const base = `http://127.0.0.1:${port}`;
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		headers: {
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			origin: base
		},
		body: new URLSearchParams({ email: WRITER_EMAIL, password: PASSWORD }).toString(),
		redirect: 'manual'
	});
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('raccordo_session='));
	if (!cookie) throw new Error(`login failed: ${res.status}`);
	return cookie;
}

async function createDoc(srv: Srv, title: string): Promise<string> {
	const base = `http://127.0.0.1:${srv.port}`;
	const res = await fetch(`${base}/tavoli/${SLUG}/documenti?/create`, {
		method: 'POST',
		headers: {
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			origin: base,
			cookie: srv.cookie!
		},
		body: new URLSearchParams({ kind: 'nota', title }).toString(),
		redirect: 'manual'
	});
	const m = /\/documenti\/([A-Za-z0-9_-]+)$/.exec(res.headers.get('location') ?? '');
	if (!m) throw new Error(`create failed: ${res.status}`);
	return m[1];
}

interface Cli {
	doc: Y.Doc;
	synced: () => boolean;
	destroy(): void;
}

function client(srv: Srv, room: string): Cli {
	const doc = new Y.Doc();
	if (srv.kind === 'hocuspocus') {
		const socket = new HocuspocusProviderWebsocket({
			url: `ws://127.0.0.1:${srv.port}`,
			WebSocketPolyfill: WebSocket
		});
		const provider = new HocuspocusProvider({
			websocketProvider: socket,
			name: room,
			document: doc
		});
		provider.attach();
		return {
			doc,
			synced: () => provider.isSynced,
			destroy: () => {
				provider.destroy();
				socket.destroy();
				doc.destroy();
			}
		};
	}
	const headers: Record<string, string> = { origin: `http://127.0.0.1:${srv.port}` };
	if (srv.cookie) headers.cookie = srv.cookie;
	const WS = class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	};
	const url =
		srv.kind === 'raccordo' ? `ws://127.0.0.1:${srv.port}/yjs` : `ws://127.0.0.1:${srv.port}`;
	const provider = new WebsocketProvider(url, room, doc, {
		WebSocketPolyfill: WS as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return {
		doc,
		synced: () => provider.synced,
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const start = Date.now();
	while (!cond()) {
		if (Date.now() - start > timeoutMs) throw new Error(`timeout: ${what}`);
		await sleep(25);
	}
}

function pct(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface LoadResult {
	latencies: number[];
	edits: number;
	expectedReceipts: number;
	seconds: number;
	peak: Mem;
	baseline: Mem;
}

/**
 * perDoc clients on each room; the first `writersPerDoc` of each write `ratePerWriter` edits/s for
 * `seconds`. Each edit sets a new key of a Y.Map to its send time; receivers record now - sent.
 */
async function load(
	srv: Srv,
	rooms: string[],
	perDoc: number,
	writersPerDoc: number,
	ratePerWriter: number,
	seconds: number
): Promise<{ result: LoadResult; clients: Cli[] }> {
	const baseline = await srv.mem(true);
	const latencies: number[] = [];
	const clients: Cli[] = [];
	for (const room of rooms) {
		for (let i = 0; i < perDoc; i++) {
			const c = client(srv, room);
			// A map keyed by edit: receivers read only the keys that changed, which keeps the client
			// side (100 clients in this one process) as cheap as possible per edit.
			const map = c.doc.getMap<number>('bench');
			map.observe((e) => {
				if (e.transaction.local) return;
				const now = performance.now();
				for (const key of e.keysChanged) latencies.push(now - map.get(key)!);
			});
			clients.push(c);
			// Connect in small batches so the handshake storm is not what gets measured.
			if (clients.length % 20 === 0) await sleep(50);
		}
	}
	await until(() => clients.every((c) => c.synced()), 60_000, `${srv.kind}: all clients synced`);
	await sleep(1000);
	let edits = 0;
	const timers: ReturnType<typeof setInterval>[] = [];
	rooms.forEach((_room, r) => {
		for (let w = 0; w < writersPerDoc; w++) {
			const writer = clients[r * perDoc + w];
			const map = writer.doc.getMap<number>('bench');
			let seq = 0;
			const start = setTimeout(
				() => {
					timers.push(
						setInterval(() => {
							map.set(`${r}.${w}.${seq++}`, performance.now());
							edits++;
						}, 1000 / ratePerWriter)
					);
				},
				Math.random() * (1000 / ratePerWriter)
			);
			timers.push(start as unknown as ReturnType<typeof setInterval>);
		}
	});
	await sleep(seconds * 1000 - 300);
	const peak = await srv.mem(false);
	await sleep(300);
	timers.forEach((t) => clearInterval(t));
	await sleep(1500);
	return {
		result: { latencies, edits, expectedReceipts: edits * (perDoc - 1), seconds, peak, baseline },
		clients
	};
}

interface Row {
	kind: Kind;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	delivered: number;
	updatesPerSec: number;
	rss: number;
	heap: number;
}

function summarize(kind: Kind, runs: LoadResult[]): Row {
	const lat = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
	const expected = runs.reduce((s, r) => s + r.expectedReceipts, 0);
	const secs = runs.reduce((s, r) => s + r.seconds, 0);
	return {
		kind,
		p50: pct(lat, 50),
		p95: pct(lat, 95),
		p99: pct(lat, 99),
		max: lat[lat.length - 1] ?? NaN,
		delivered: expected ? lat.length / expected : NaN,
		updatesPerSec: lat.length / secs,
		rss: Math.max(...runs.map((r) => r.peak.rss)),
		heap: Math.max(...runs.map((r) => r.peak.heapUsed))
	};
}

function printTable(title: string, rows: Row[]): void {
	console.log(`\n## ${title}`);
	console.log(
		'server              |   p50 ms |   p95 ms |   p99 ms |   max ms | delivered | updates/s | RSS MB | heap MB'
	);
	for (const r of rows)
		console.log(
			`${r.kind.padEnd(19)} | ${r.p50.toFixed(1).padStart(8)} | ${r.p95.toFixed(1).padStart(8)} | ${r.p99.toFixed(1).padStart(8)} | ${r.max.toFixed(1).padStart(8)} | ${(r.delivered * 100).toFixed(1).padStart(8)}% | ${r.updatesPerSec.toFixed(0).padStart(9)} | ${mb(r.rss).padStart(6)} | ${mb(r.heap).padStart(7)}`
		);
	const me = rows.find((r) => r.kind === 'raccordo');
	if (!me || rows.length < 2) return;
	const refs = rows.filter((r) => r.kind !== 'raccordo');
	for (const ref of refs)
		console.log(
			`ratio raccordo/${ref.kind}: p50 ${(me.p50 / ref.p50).toFixed(2)} · p95 ${(me.p95 / ref.p95).toFixed(2)} · p99 ${(me.p99 / ref.p99).toFixed(2)} · max ${(me.max / ref.max).toFixed(2)} · updates/s ${(me.updatesPerSec / ref.updatesPerSec).toFixed(2)} · RSS ${(me.rss / ref.rss).toFixed(2)} · heap ${(me.heap / ref.heap).toFixed(2)}`
		);
	const best = Math.min(...refs.map((r) => r.p99));
	console.log(
		`target p99 < best reference (${best.toFixed(1)} ms): ${me.p99 < best ? 'MET' : 'NOT MET'} (${me.p99.toFixed(1)} ms)`
	);
}

async function oneDocScenario(): Promise<void> {
	const runs = new Map<Kind, LoadResult[]>(KINDS.map((k) => [k, []]));
	for (let round = 0; round < CFG.rounds; round++) {
		const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]);
		for (const kind of order) {
			const srv = await spawnServer(
				kind,
				kind === 'raccordo' && process.env.BENCH_RACCORDO_ENV
					? Object.fromEntries(process.env.BENCH_RACCORDO_ENV.split(',').map((kv) => kv.split('=')))
					: {}
			);
			try {
				const [room] = await srv.docs(1);
				const { result, clients } = await load(srv, [room], 100, 10, 10, CFG.loadSec);
				clients.forEach((c) => c.destroy());
				runs.get(kind)!.push(result);
				process.stdout.write(
					`  round ${round + 1} ${kind}: ${result.edits} edits, ${result.latencies.length} receipts\n`
				);
			} finally {
				await srv.stop();
				if (srv.dir) rmSync(srv.dir, { recursive: true, force: true });
			}
			await sleep(500);
		}
	}
	printTable(
		`One document: 100 clients, 10 writers, 100 edits/s, ${CFG.loadSec}s × ${CFG.rounds} round(s)`,
		KINDS.map((k) => summarize(k, runs.get(k)!))
	);
}

async function manyDocsScenario(): Promise<void> {
	const rows: Row[] = [];
	const heap: string[] = [];
	for (const kind of KINDS) {
		const srv = await spawnServer(kind);
		try {
			const rooms = await srv.docs(40);
			const { result, clients } = await load(srv, rooms, 10, 1, 2.5, CFG.manyLoadSec);
			rows.push(summarize(kind, [result]));
			clients.forEach((c) => c.destroy());
			// Heap after every client left: forced GC every 5 s until near the baseline (within 10%
			// or 3 MB), or stable for three samples (the reference servers keep documents forever).
			const base = result.baseline.heapUsed;
			const start = Date.now();
			let last = 0;
			let stable = 0;
			let line = `${kind.padEnd(19)} | baseline ${mb(base)} MB · peak ${mb(result.peak.heapUsed)} MB · after leave:`;
			for (;;) {
				await sleep(5000);
				const m = await srv.mem(true);
				const t = Math.round((Date.now() - start) / 1000);
				line += ` ${t}s ${mb(m.heapUsed)}`;
				if (m.heapUsed <= Math.max(base * 1.1, base + 3 * 1024 * 1024)) {
					line += ` → back near baseline after ${t}s`;
					break;
				}
				stable = Math.abs(m.heapUsed - last) < 0.02 * m.heapUsed ? stable + 1 : 0;
				last = m.heapUsed;
				if (kind !== 'raccordo' && stable >= 3) {
					line += ' → stable, not back to baseline (documents kept in memory)';
					break;
				}
				if (t >= CFG.heapMaxSec) {
					line += ` → NOT back near baseline after ${t}s`;
					break;
				}
			}
			heap.push(line);
		} finally {
			await srv.stop();
			if (srv.dir) rmSync(srv.dir, { recursive: true, force: true });
		}
		await sleep(500);
	}
	printTable(
		`40 documents: 400 clients (10 per document), 40 writers, 100 edits/s in all, ${CFG.manyLoadSec}s`,
		rows
	);
	console.log('\n## Heap after all clients leave (MB, after a forced GC)');
	heap.forEach((l) => console.log(l));
}

/** Raccordo only: a document whose log holds 10,000 uncompacted updates. */
async function historyScenario(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'raccordo-bench-'));
	try {
		let srv = await spawnServer('raccordo', {}, dir);
		const [id] = await srv.docs(1);
		await srv.stop();
		const dbPath = join(dir, 'raccordo.sqlite');
		const db = new Database(dbPath);
		const ydoc = new Y.Doc();
		const updates: Uint8Array[] = [];
		ydoc.on('update', (u: Uint8Array) => updates.push(u));
		const p = new Y.XmlElement('paragraph');
		const text = new Y.XmlText();
		p.insert(0, [text]);
		ydoc.getXmlFragment('default').insert(0, [p]);
		for (let i = 0; i < CFG.historyUpdates - 1; i++)
			text.insert(i, String.fromCharCode(97 + (i % 26)));
		const insert = db.prepare(
			'INSERT INTO document_updates (document_id, data, created_at) VALUES (?, ?, ?)'
		);
		db.transaction(() => updates.forEach((u) => insert.run(id, Buffer.from(u), Date.now())))();
		const logged = (
			db.prepare('SELECT count(*) AS n FROM document_updates WHERE document_id = ?').get(id) as {
				n: number;
			}
		).n;
		db.close();

		// In-process: the server's own load path (LiveDoc constructor) on a copy of the database.
		const copy = join(dir, 'copy.sqlite');
		copyFileSync(dbPath, copy);
		for (const ext of ['-wal', '-shm'])
			if (existsSync(dbPath + ext)) copyFileSync(dbPath + ext, copy + ext);
		process.env.DATABASE_PATH = copy;
		const { LiveDoc } = await import('../src/lib/server/documents/live.ts');
		const times: number[] = [];
		for (let i = 0; i < 5; i++) {
			const t0 = performance.now();
			const live = new LiveDoc(id);
			times.push(performance.now() - t0);
			live.awareness.destroy();
			live.ydoc.destroy();
		}
		times.sort((a, b) => a - b);

		// Over the wire: first open on a freshly started server (upgrade + auth + load + sync).
		srv = await spawnServer('raccordo', {}, dir);
		const t0 = performance.now();
		const c = client(srv, id);
		await until(() => c.synced(), 30_000, 'history document synced');
		const wire = performance.now() - t0;
		const chars = c.doc.getXmlFragment('default').toString().length;
		c.destroy();
		await srv.stop();
		console.log(
			`\n## Opening a document with a ${logged}-update history (before compaction), Raccordo`
		);
		console.log(
			`server-side load (LiveDoc: read log + apply), 5 runs: min ${times[0].toFixed(1)} ms · median ${times[2].toFixed(1)} ms · max ${times[4].toFixed(1)} ms → target < 100 ms: ${times[2] < 100 ? 'MET' : 'NOT MET'}`
		);
		console.log(
			`first open over the wire (connect → synced, ${chars} chars of XML): ${wire.toFixed(1)} ms`
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	if (!existsSync('build/handler.js')) {
		console.error('Build the app first: npm run build');
		process.exit(1);
	}
	const t0 = Date.now();
	console.log(
		`# Raccordo realtime benchmark (${QUICK ? 'quick' : 'default'} mode) — Node ${process.version}, ${new Date().toISOString()}`
	);
	console.log(
		'Raccordo: built server, session auth + SQLite persistence. References: in memory, no auth.'
	);
	console.log(
		`Load average at start (other processes on this machine skew every figure): ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`
	);
	console.log('@hocuspocus/server 4 declares node >= 22; it is run here on this Node version.');
	if (SCENARIOS.includes('one')) await oneDocScenario();
	if (SCENARIOS.includes('many')) await manyDocsScenario();
	if (SCENARIOS.includes('history')) await historyScenario();
	console.log(
		`\nLoad average at end: ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`
	);
	console.log(`Total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	process.exit(0);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
