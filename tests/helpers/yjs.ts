/** Real y-websocket clients in Node against /yjs/<id>, carrying a session cookie and an Origin. */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Client } from './http';

/** ws accepts headers; the browser WebSocket API does not, so y-websocket gets this subclass. */
export function wsWith(headers: Record<string, string>): typeof globalThis.WebSocket {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	} as unknown as typeof globalThis.WebSocket;
}

export interface YClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	text: () => string;
	destroy: () => void;
}

export function yClient(
	base: string,
	docId: string,
	client: Client | null,
	opts: { connect?: boolean } = {}
): YClient {
	const doc = new Y.Doc();
	const headers: Record<string, string> = { origin: base };
	if (client) headers.cookie = client.cookieHeader;
	const provider = new WebsocketProvider(base.replace(/^http/, 'ws') + '/yjs', docId, doc, {
		WebSocketPolyfill: wsWith(headers),
		connect: opts.connect ?? true,
		maxBackoffTime: 300,
		disableBc: true
	});
	return {
		doc,
		provider,
		text: () => doc.getXmlFragment('default').toString(),
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

export function synced(c: YClient, timeout = 10_000): Promise<void> {
	if (c.provider.synced) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error('not synced')), timeout);
		c.provider.once('sync', (s: boolean) => {
			if (s) {
				clearTimeout(t);
				resolve();
			}
		});
	});
}

export async function until(
	cond: () => boolean,
	timeout = 10_000,
	what = 'condition'
): Promise<void> {
	const start = Date.now();
	while (!cond()) {
		if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Appends a paragraph with this text to the rich text, as the editor would. */
export function appendParagraph(c: YClient, text: string): void {
	const frag = c.doc.getXmlFragment('default');
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	frag.insert(frag.length, [p]);
}

/** Creates a document through the real form and returns its id. */
export async function createDocument(
	client: Client,
	slug: string,
	kind: string,
	title: string,
	extra: Record<string, string> = {}
): Promise<string> {
	const res = await client.form(`/tavoli/${slug}/documenti?/create`, { kind, title, ...extra });
	const loc = res.headers.get('location') ?? '';
	const m = /\/documenti\/([A-Za-z0-9_-]+)$/.exec(loc);
	if (res.status !== 303 || !m)
		throw new Error(`create failed: ${res.status} ${loc} ${await res.text()}`);
	return m[1];
}
