// The CI gate for dependency install scripts (scripts/check-install-scripts.js): npm 12 skips
// unreviewed scripts, so a new one must fail CI until someone approves or denies it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unreviewed } from '../../scripts/check-install-scripts.js';

const run = (...args: string[]) =>
	spawnSync(process.execPath, ['scripts/check-install-scripts.js', ...args], { encoding: 'utf8' });

describe('install-script review gate', () => {
	it('passes on the project lock: better-sqlite3 and esbuild approved, leveldown denied', () => {
		const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
		expect(pkg.allowScripts).toEqual({ 'better-sqlite3': true, esbuild: true, leveldown: false });
		const r = run();
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('all reviewed');
	});

	it('fails, naming the package, when a new dependency brings an unreviewed install script', () => {
		const r = run('--lock', 'tests/fixtures/install-scripts/package-lock.json');
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('@evil/telemetry@2.3.4');
		expect(r.stderr).not.toContain('better-sqlite3');
		expect(r.stderr).toContain('npm install-scripts approve');
	});

	it('treats an approval pinned to another version as unreviewed, a denial by name as reviewed', () => {
		const lock = {
			packages: {
				'node_modules/sharp': { version: '0.34.1', hasInstallScript: true },
				'node_modules/canvas': { version: '3.0.0', hasInstallScript: true },
				'node_modules/@scope/bin': { version: '1.0.1', hasInstallScript: true }
			}
		};
		const names = (allow: Record<string, boolean>) =>
			unreviewed(lock, allow).map((p: { name: string }) => p.name);
		expect(
			names({ 'sharp@0.33.0': true, canvas: false, '@scope/bin@1.0.0 || 1.0.1': true })
		).toEqual(['sharp']);
		expect(names({ 'sharp@*': true, 'canvas@2.0.0': false, '@scope/bin': true })).toEqual([]);
	});
});
