// `npm run db:backup -- <file>`: a consistent copy of DATABASE_PATH while the server runs and
// people edit. SQLite's online backup API reads the database inside a read transaction on its own
// connection; with WAL, the server's writes carry on meanwhile and the copy is the database as it
// was at one commit (every update stored, i.e. acknowledged, before the backup began is in it).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { databasePath } from '../src/lib/server/db/index.js';

const target = process.argv[2];
if (!target || target.startsWith('-')) {
	console.error('Uso: npm run db:backup -- <file di destinazione>');
	process.exit(2);
}
const out = resolve(target);
if (existsSync(out)) {
	console.error(`Il file ${out} esiste già: scegli un nome nuovo (un backup non sovrascrive).`);
	process.exit(1);
}
const source = databasePath();
if (!existsSync(source)) {
	console.error(`Database non trovato: ${source} (imposta DATABASE_PATH).`);
	process.exit(1);
}

// Not readonly: a read-only connection cannot create the WAL index if the server is not running.
// It never writes; the short busy timeout only covers a checkpoint in progress.
const db = new Database(source, { fileMustExist: true, timeout: 2000 });
const started = Date.now();
// All pages in one step: a step that yields lets a concurrent write restart the copy, which under
// steady editing could go on for ever.
await db.backup(out, { progress: () => 1_000_000 });
db.close();

const copy = new Database(out, { readonly: true });
const check = copy.pragma('integrity_check', { simple: true });
const docs = copy.prepare('SELECT count(*) FROM documents').pluck().get();
copy.close();
if (check !== 'ok') {
	console.error(`Backup scritto in ${out} ma il controllo di integrità è fallito: ${check}`);
	process.exit(1);
}
console.log(
	`Backup di ${source} scritto in ${out} (${docs} documenti, ${Date.now() - started} ms, integrità ok).`
);
