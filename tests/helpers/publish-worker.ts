// A second process publishing into the same SQLite file, to prove numbering is atomic across
// processes (BEGIN IMMEDIATE), not only inside the server's single thread.
// Usage: DATABASE_PATH=… node --import tsx tests/helpers/publish-worker.ts <id> <id> …  (waits for "go" on stdin)
import { createInterface } from 'node:readline';
import { publishInternal } from '../../src/lib/server/decisions/index.js';
import { db } from '../../src/lib/server/db/index.js';

const ids = process.argv.slice(2).map(Number);
db();
console.log('ready');
createInterface({ input: process.stdin }).once('line', () => {
	const refs = ids.map((id) => {
		const r = publishInternal(id, null);
		return `${r.number}/${r.year}`;
	});
	console.log(JSON.stringify(refs));
	process.exit(0);
});
