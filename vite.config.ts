import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';

/**
 * `vite dev` gets what production gets from server/index.js: the app object (src/lib/server/app.ts)
 * loaded through Vite's SSR loader, so it shares module instances with the routes, attached to
 * Vite's http server — the same start-up steps, websocket endpoints, fast paths and shutdown.
 */
function raccordoApp(): Plugin {
	return {
		name: 'raccordo-app',
		configureServer(server) {
			if (!server.httpServer) return;
			const httpServer = server.httpServer as import('node:http').Server;
			type App = typeof import('./src/lib/server/app').app;
			const ready: Promise<App> = server.ssrLoadModule('/src/lib/server/app.ts').then(async (m) => {
				const app = m.app as App;
				await app.start();
				app.attach(httpServer);
				return app;
			});
			server.middlewares.use((req, res, next) => {
				ready.then((app) => (app.serve(req, res) ? undefined : next()), next);
			});
			httpServer.once('close', () => void ready.then((app) => app.shutdown()));
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), raccordoApp()],
	test: {
		include: ['src/**/*.spec.ts', 'tests/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 120_000,
		// Each file starts its own server; two cores do not want more than two at once.
		maxWorkers: 2,
		fileParallelism: true
	}
});
