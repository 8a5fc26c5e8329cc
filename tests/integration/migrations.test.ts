import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, open } from '../../src/lib/server/db/index';

const dir = mkdtempSync(join(tmpdir(), 'raccordo-migr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
	const files = readdirSync('migrations')
		.filter((f) => f.endsWith('.sql'))
		.sort();

	it('apply once each, in order; a second run applies nothing and changes nothing', () => {
		const db = open(join(dir, 'a.sqlite'));
		expect(migrate(db)).toEqual(files);
		const schema = db.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all();
		expect(migrate(db)).toEqual([]);
		expect(db.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
		db.close();
	});

	it('a failing migration leaves nothing half-applied', () => {
		const bad = mkdtempSync(join(dir, 'bad-'));
		execFileSync('cp', ['migrations/001_foundation.sql', join(bad, '001_foundation.sql')]);
		execFileSync('sh', [
			'-c',
			`printf 'CREATE TABLE half (x);\\nTHIS IS NOT SQL;\\n' > ${join(bad, '002_broken.sql')}`
		]);
		const db = open(join(dir, 'b.sqlite'));
		expect(() => migrate(db, bad)).toThrow();
		const names = (
			db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]
		).map((r) => r.name);
		expect(names).toEqual(['001_foundation.sql']);
		expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
		db.close();
	});

	it('npm run db:migrate applies pending migrations and is idempotent', () => {
		const env = { ...process.env, DATABASE_PATH: join(dir, 'cli.sqlite') };
		const first = execFileSync('npm', ['run', '-s', 'db:migrate'], { env, encoding: 'utf8' });
		expect(first).toContain('Migrazioni applicate');
		const second = execFileSync('npm', ['run', '-s', 'db:migrate'], { env, encoding: 'utf8' });
		expect(second).toContain('Nessuna migrazione da applicare');
		const db = new Database(join(dir, 'cli.sqlite'), { readonly: true });
		expect(
			(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n
		).toBe(files.length);
		db.close();
	});

	it('npm run user:create makes the first admin, and refuses a weak password clearly', () => {
		const env = {
			...process.env,
			DATABASE_PATH: join(dir, 'users.sqlite'),
			RACCORDO_PASSWORD: 'corta'
		};
		let failed = '';
		try {
			execFileSync(
				'npm',
				[
					'run',
					'-s',
					'user:create',
					'--',
					'--email',
					'capo@regione.it',
					'--name',
					'Prima Admin',
					'--admin'
				],
				{ env, encoding: 'utf8', stdio: 'pipe' }
			);
		} catch (e) {
			failed = String((e as { stderr: string }).stderr);
		}
		expect(failed).toContain('La password deve avere almeno 10 caratteri');
		const out = execFileSync(
			'npm',
			[
				'run',
				'-s',
				'user:create',
				'--',
				'--email',
				'capo@regione.it',
				'--name',
				'Prima Admin',
				'--admin'
			],
			{
				env: { ...env, RACCORDO_PASSWORD: 'password-lunga-ok' },
				encoding: 'utf8'
			}
		);
		expect(out).toContain('Account creato');
		const db = new Database(join(dir, 'users.sqlite'), { readonly: true });
		expect(db.prepare('SELECT email, is_admin FROM users').all()).toEqual([
			{ email: 'capo@regione.it', is_admin: 1 }
		]);
		db.close();
	});
});
