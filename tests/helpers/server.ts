/**
 * Starts the real production server (server/index.js over the built app) in a child process on
 * port 0 with its own temporary SQLite file and the demo seed, as users and CI would run it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEMO_PASSWORD = 'demo-password-test';

export interface TestServer {
	url: string;
	port: number;
	dbPath: string;
	dir: string;
	proc: ChildProcess;
	output: () => string;
	/** Graceful stop (SIGTERM) and clean-up of the temporary directory. */
	stop: () => Promise<void>;
	/** SIGKILL, keeping the database for a restart. */
	kill: () => Promise<void>;
}

export async function startServer(
	opts: { env?: Record<string, string>; dir?: string; seed?: boolean } = {}
): Promise<TestServer> {
	const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'raccordo-test-'));
	const dbPath = join(dir, 'raccordo.sqlite');
	const { ORIGIN: _ignored, ...inherited } = process.env;
	const proc = spawn(process.execPath, ['server/index.js'], {
		cwd: process.cwd(),
		env: {
			...inherited,
			PORT: '0',
			HOST: '127.0.0.1',
			// Port 0: the address is known only once listening, so links follow the request's Host.
			RACCORDO_LOCAL: '1',
			DATABASE_PATH: dbPath,
			DEMO_PASSWORD,
			SEED_DEMO: opts.seed === false ? '0' : '1',
			// Generous login limits so suites that sign in often are not throttled by each other.
			LOGIN_RATE_IP: '1000',
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
		const onData = () => {
			const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				proc.stdout!.off('data', onData);
				resolve(Number(m[1]));
			}
		};
		proc.stdout!.on('data', onData);
		proc.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited (${code}):\n${out}`));
		});
	});
	const exited = new Promise<void>((r) => proc.once('exit', () => r()));
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		dbPath,
		dir,
		proc,
		output: () => out,
		stop: async () => {
			if (proc.exitCode === null) proc.kill('SIGTERM');
			await exited;
			if (!opts.dir) rmSync(dir, { recursive: true, force: true });
		},
		kill: async () => {
			if (proc.exitCode === null) proc.kill('SIGKILL');
			await exited;
		}
	};
}
