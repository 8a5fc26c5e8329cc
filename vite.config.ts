import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';

/**
 * `vite dev` gets the same realtime endpoints as production (socket.io, /yjs/*): the realtime
 * module is loaded through Vite's SSR loader, so it shares module instances with the routes.
 */
function raccordoRealtime(): Plugin {
	return {
		name: 'raccordo-realtime',
		configureServer(server) {
			if (!server.httpServer) return;
			const httpServer = server.httpServer as import('node:http').Server;
			void (async () => {
				const startup = await server.ssrLoadModule('/src/lib/server/startup.ts');
				await startup.startup();
				await server.ssrLoadModule('/src/lib/server/health.ts');
				const realtime = await server.ssrLoadModule('/src/lib/server/realtime/index.ts');
				realtime.attachRealtime(httpServer);
			})();
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), raccordoRealtime()],
	test: {
		include: ['src/**/*.spec.ts', 'tests/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 120_000,
		// Each file starts its own server; two cores do not want more than two at once.
		maxWorkers: 2,
		fileParallelism: true
	}
});
