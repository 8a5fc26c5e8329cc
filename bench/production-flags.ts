import { readFileSync } from 'node:fs';

/**
 * The Node flags the server runs with in production — those of `npm run preview` in package.json
 * (`npm start` uses the same) — so that every benchmark measures the process users get.
 */
export function productionNodeFlags(): string[] {
	const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { preview: string } };
	const m = /^node\s+(.*?)\s*server\/index\.js$/.exec(pkg.scripts.preview);
	if (!m) throw new Error('package.json "preview" should read "node [flags] server/index.js"');
	return m[1].split(/\s+/).filter(Boolean);
}
