// `npm start`: build when the build is missing or older than the sources, then run the server
// (which migrates and, on an empty database, seeds the demo).
import { existsSync, statSync, readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join } from 'node:path';

function newest(dir) {
	let t = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, entry.name);
		t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
	}
	return t;
}

const marker = 'build/handler.js';
const sources = Math.max(
	newest('src'),
	newest('static'),
	statSync('svelte.config.js').mtimeMs,
	statSync('vite.config.ts').mtimeMs
);
if (!existsSync(marker) || statSync(marker).mtimeMs < sources) {
	console.log('[raccordo] building the app (first start or sources changed)…');
	execSync('npx vite build', { stdio: 'inherit' });
}
// The README's demo runs on http://localhost:$PORT; production sets ORIGIN to its public address
// (server/index.js refuses to start without one).
process.env.ORIGIN ||= `http://localhost:${process.env.PORT || 3000}`;
await import('../server/index.js');
