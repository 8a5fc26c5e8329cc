/**
 * No import cycle between the folders of src/lib/server: a domain folder may use the ones below
 * it, never one that (through any chain) uses it back. Files at the top (app.ts, errors.ts…) each
 * count as their own node. Reads the import lines with a regex: no dependency, no build needed.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve('src/lib/server');
const IMPORT = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]/gm;

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) return files(p);
		return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) ? [p] : [];
	});
}

const nodeOf = (rel: string) => {
	const parts = rel.split('/');
	return parts.length > 1 ? `${parts[0]}/` : parts[0].replace(/\.js$/, '.ts');
};

function folderGraph(): Map<string, Map<string, string>> {
	const graph = new Map<string, Map<string, string>>();
	for (const file of files(ROOT)) {
		const from = nodeOf(relative(ROOT, file));
		for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
			if (!spec.startsWith('.')) continue;
			const target = relative(ROOT, resolve(dirname(file), spec));
			if (target.startsWith('..')) continue;
			const to = nodeOf(target);
			if (to === from) continue;
			if (!graph.has(from)) graph.set(from, new Map());
			graph.get(from)!.set(to, `${relative(ROOT, file)} imports ${spec}`);
		}
	}
	return graph;
}

/** Every cycle's path, found by depth-first search (each reported once, from its smallest node). */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
	const found: string[][] = [];
	const walk = (start: string, node: string, path: string[]) => {
		for (const next of graph.get(node)?.keys() ?? []) {
			if (next === start) found.push([...path, start]);
			else if (next > start && !path.includes(next)) walk(start, next, [...path, next]);
		}
	};
	for (const start of graph.keys()) walk(start, start, [start]);
	return found;
}

describe('architecture', () => {
	it('has no folder-level import cycle under src/lib/server', () => {
		const graph = folderGraph();
		const explained = cycles(graph).map((c) =>
			c
				.slice(1)
				.map((to, i) => `${c[i]} → ${to} (${graph.get(c[i])!.get(to)})`)
				.join('; ')
		);
		expect(explained).toEqual([]);
	});

	it('finds a cycle when there is one (the check itself works)', () => {
		const graph = new Map([
			['realtime/', new Map([['documents/', 'x']])],
			['documents/', new Map([['realtime/', 'y']])]
		]);
		expect(cycles(graph)).toEqual([['documents/', 'realtime/', 'documents/']]);
	});

	it('wires start-up, websockets and shutdown in one place, not by side-effect imports', () => {
		for (const file of files(ROOT)) {
			const bare = [...readFileSync(file, 'utf8').matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)];
			expect(bare.map((m) => `${relative(ROOT, file)}: ${m[1]}`)).toEqual([]);
		}
		const app = readFileSync(join(ROOT, 'app.ts'), 'utf8');
		for (const part of ['STARTUP', 'UPGRADES', 'FAST_PATHS', 'shutdown('])
			expect(app).toContain(part);
	});
});
