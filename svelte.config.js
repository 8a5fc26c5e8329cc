import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Form actions are CSRF-checked by SvelteKit; JSON endpoints check Origin in hooks.server.ts.
		csrf: { trustedOrigins: [] },
		// SvelteKit hashes its own inline bootstrap script on each page (hashes, not nonces: the cached
		// register pages are replayed byte for byte, and a replayed nonce protects nothing); nothing else may run
		// inline. Styles keep 'unsafe-inline': Svelte transitions and ProseMirror/Tiptap set style
		// attributes, which CSP cannot nonce. connect-src 'self' covers socket.io and /yjs/ websockets
		// (CSP Level 3 matches ws: to the page's http: origin, wss: to https:).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
