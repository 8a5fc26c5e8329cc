// CI gate: every dependency in package-lock.json that has an install script must be reviewed in
// package.json's "allowScripts" (approved with true or denied with false). npm 12 skips
// unreviewed scripts silently, so a new native dependency would install "fine" and then fail at
// start-up on a fresh machine; this makes the review happen in the pull request instead.
// Usage: node scripts/check-install-scripts.js [--lock package-lock.json] [--package package.json]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** "name", "name@*", "name@1.2.3" or "name@1.2.3 || 1.2.4" (the forms npm accepts) → parts. */
export function parseEntry(key) {
	const at = key.indexOf('@', key.startsWith('@') ? 1 : 0);
	if (at < 0) return { name: key, versions: null };
	const spec = key.slice(at + 1).trim();
	const versions = spec === '' || spec === '*' ? null : spec.split('||').map((v) => v.trim());
	return { name: key.slice(0, at), versions };
}

/** The packages of a lock file (v2/v3) that carry install scripts, by their real name. */
export function withInstallScripts(lock) {
	const out = [];
	for (const [path, entry] of Object.entries(lock.packages ?? {})) {
		if (!path || !entry.hasInstallScript) continue;
		// An aliased dependency keeps its real name in "name"; npm matches on the real identity.
		const name =
			entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
		out.push({ path, name, version: entry.version });
	}
	return out;
}

/** Packages with an install script that no allowScripts entry approves or denies. */
export function unreviewed(lock, allowScripts = {}) {
	const entries = Object.entries(allowScripts).map(([k, v]) => ({ ...parseEntry(k), allowed: v }));
	return withInstallScripts(lock).filter(
		(p) =>
			!entries.some(
				(e) =>
					e.name === p.name &&
					// A denial by name covers every version; an approval only the versions it names.
					(e.versions === null || e.allowed === false || e.versions.includes(p.version))
			)
	);
}

function main(argv) {
	const arg = (flag, fallback) => {
		const i = argv.indexOf(flag);
		return i >= 0 ? argv[i + 1] : fallback;
	};
	const lock = JSON.parse(readFileSync(arg('--lock', 'package-lock.json'), 'utf8'));
	const pkg = JSON.parse(readFileSync(arg('--package', 'package.json'), 'utf8'));
	const missing = unreviewed(lock, pkg.allowScripts);
	if (missing.length === 0) {
		const n = withInstallScripts(lock).length;
		console.log(
			`[install-scripts] ${n} install scripts, all reviewed in package.json allowScripts.`
		);
		return 0;
	}
	console.error(
		'[install-scripts] Dependencies with an install script not reviewed in allowScripts:'
	);
	for (const p of missing) console.error(`  ${p.name}@${p.version} (${p.path})`);
	console.error(
		'Read what each script does, then run "npm install-scripts approve <pkg>" if the product ' +
			'needs it or "npm install-scripts deny <pkg>" if it does not, and commit package.json.'
	);
	return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
	process.exit(main(process.argv.slice(2)));
