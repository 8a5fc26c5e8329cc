// `npm test`: check that every dependency install script is reviewed, make sure Chromium is there
// for the browser tests, build the app the tests run against, then run every test (integration +
// browser) with vitest.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
	if (process.getuid?.() === 0) {
		console.log('[test] Chromium missing: installing Debian’s chromium with apt-get…');
		execSync(
			'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
			{ stdio: 'inherit' }
		);
	} else {
		console.error(
			`[test] Chromium not found at ${chromium}. Install it with "sudo apt-get install chromium" ` +
				'or point CHROMIUM_PATH at a Chromium binary, then run npm test again.'
		);
		process.exit(1);
	}
}

// First, because it needs nothing installed: a dependency whose install script nobody reviewed
// (npm 12 would skip it silently) fails the run here, before any build.
execSync('node scripts/check-install-scripts.js', { stdio: 'inherit' });
console.log('[test] type-checking (svelte-check)…');
execSync(
	'npx svelte-kit sync && npx svelte-check --tsconfig ./tsconfig.json --threshold error --output human',
	{ stdio: 'inherit' }
);
console.log('[test] building the app…');
execSync('npx vite build --logLevel warn', { stdio: 'inherit' });

const report = '.svelte-kit/vitest-report.json';
rmSync(report, { force: true });
const args = [
	'vitest',
	'run',
	'--reporter=default',
	`--reporter=json`,
	`--outputFile.json=${report}`,
	...process.argv.slice(2)
];
const run = spawnSync('npx', args, { stdio: 'inherit' });
if (existsSync(report)) {
	const r = JSON.parse(readFileSync(report, 'utf8'));
	// The plain closing line CI reads, whatever the runner.
	console.log(
		`\n${r.numPassedTests} passed, ${r.numFailedTests} failed` +
			(r.numPendingTests ? `, ${r.numPendingTests} skipped` : '')
	);
}
process.exit(run.status ?? 1);
