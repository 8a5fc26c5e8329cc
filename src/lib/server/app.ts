/**
 * The composition root: everything the process runs besides SvelteKit's routes, named in one
 * place — the start-up steps in order, the websocket endpoints, the fast paths answered before
 * SvelteKit, and what shutdown stops. server/index.js (production) and the Vite plugin (dev)
 * attach this one object to their http server; hooks.server.ts starts it. Nothing registers
 * itself by being imported (ADR 008).
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { closeDb, db } from './db/index.js';
import { startRetention } from './privacy/retention.js';
import { isEmpty, seedDemo, type DemoStep } from './demo/seed.js';
import { healthy } from './health.js';
import { useKinds, type DocumentKind } from './documents/kinds.js';
import { closeYjs, recheckAll, yjsUpgrade } from './documents/yjs-server.js';
import { attachSocketIo, closeSocketIo } from './realtime/index.js';
import { routeUpgrades, type UpgradeEndpoint } from './realtime/upgrade.js';
import { fastRegister } from './decisions/cache.js';
import { seedDemoDocuments } from './documents/demo.js';
import { seedDemoPlans } from './plans/demo.js';
import { seedDemoMeetings } from './meetings/demo.js';
import { seedDecisions } from './decisions/demo.js';
import { startPlans } from './plans/boot.js';
import { planKind } from './plans/kind.js';
import { verbaleKind } from './meetings/kind.js';

/** What each kind of document adds to the document verbs (canonical preview, freeze rules). */
const DOCUMENT_KINDS: readonly DocumentKind[] = [planKind, verbaleKind];

/** Demo content in dependency order: plans link documents, minutes link meetings, decisions both. */
const DEMO: readonly DemoStep[] = [
	seedDemoDocuments,
	seedDemoPlans,
	seedDemoMeetings,
	seedDecisions
];

async function seedDemoIfEmpty(): Promise<void> {
	if (process.env.SEED_DEMO === '0' || !isEmpty()) return;
	const { password, generated } = await seedDemo(DEMO);
	console.log('[raccordo] Demo seeded: accounts are listed in the README.');
	if (generated) console.log(`[raccordo] Demo password (printed only now): ${password}`);
}

/** Start-up, in order; each step runs once per process. */
const STARTUP: readonly [name: string, run: () => void | Promise<void>][] = [
	['document kinds', () => useKinds(DOCUMENT_KINDS)],
	['migrations', () => void db()],
	['retention purge, now and daily (expired sessions, old notifications)', startRetention],
	['demo seed', seedDemoIfEmpty],
	['plans: projection follows documents', startPlans]
];

/** Websocket endpoints by path; socket.io routes /socket.io itself. */
const UPGRADES: readonly UpgradeEndpoint[] = [{ prefix: '/yjs/', handle: yjsUpgrade }];

/** Live channels other than socket.io that re-check their connections on membership changes. */
const ACCESS_CHANNELS = [() => recheckAll()];

type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Monitoring (and the benchmarks' reference) measures the bare server plus one database round
 * trip, so /healthz never enters SvelteKit.
 */
const healthz: FastPath = (req, res) => {
	const url = req.url ?? '';
	if (url !== '/healthz' && !url.startsWith('/healthz?')) return false;
	const ok = healthy();
	res.writeHead(ok ? 200 : 503, {
		'content-type': 'application/json',
		'cache-control': 'no-store'
	});
	res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
	return true;
};

/** Answered before SvelteKit, in order: health, then the register's cached public responses. */
const FAST_PATHS: readonly FastPath[] = [healthz, fastRegister];

export interface App {
	/** Runs the start-up steps (once; later calls wait for the same run). */
	start(): Promise<void>;
	/** Socket.io and the websocket endpoints on this http server. */
	attach(httpServer: HttpServer): void;
	/** Answers a fast path, or returns false for SvelteKit to answer. */
	serve(req: IncomingMessage, res: ServerResponse): boolean;
	/** Stops accepting, stores and unloads every live document, closes socket.io and SQLite. */
	shutdown(httpServer?: HttpServer): Promise<void>;
}

function createApp(): App {
	let started: Promise<void> | null = null;
	let closing: Promise<void> | null = null;
	const attached = new WeakSet<HttpServer>();
	return {
		start() {
			return (started ??= (async () => {
				for (const [, run] of STARTUP) await run();
			})());
		},
		attach(httpServer) {
			if (attached.has(httpServer)) return;
			attached.add(httpServer);
			attachSocketIo(httpServer, ACCESS_CHANNELS);
			routeUpgrades(httpServer, UPGRADES, () => !closing);
		},
		serve(req, res) {
			// Static assets (adapter-node's file server) never pass through hooks.server.ts.
			res.setHeader('X-Content-Type-Options', 'nosniff');
			for (const fast of FAST_PATHS) if (fast(req, res)) return true;
			return false;
		},
		shutdown(httpServer) {
			return (closing ??= (async () => {
				// No new connections; open keep-alive ones end after their current request.
				httpServer?.close();
				httpServer?.closeIdleConnections?.();
				// Every update received is stored before its document is dropped: the log is flushed
				// and compacted, then each Yjs socket is closed with 1001 (going away).
				closeYjs();
				await closeSocketIo();
				closeDb();
			})());
		}
	};
}

const KEY = Symbol.for('raccordo.app');
type G = typeof globalThis & { [KEY]?: App };

/**
 * The one app object per process: Vite's SSR loader and the built server may each evaluate this
 * module, and both must reach the same start-up run and the same sockets.
 */
export const app: App = ((globalThis as G)[KEY] ??= createApp());
