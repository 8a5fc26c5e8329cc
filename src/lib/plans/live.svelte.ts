/**
 * The browser's live copy of the plan: a Y.Doc synced over y-websocket at /yjs/<documentId> (the
 * documents domain's endpoint, which enforces read-only for osservatori). Every view of the plan
 * reads its rows from here, projected with the same pure function the server uses, so a
 * collaborator's change appears at once in the table, the timeline and the overview.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { getContext, setContext } from 'svelte';
import { figures as computeFigures, project, type ActionRow, type PlanFigures } from './projection';

export type LiveStatus = 'connecting' | 'connected' | 'offline';

export class LivePlan {
	rows = $state<ActionRow[] | null>(null);
	status = $state<LiveStatus>('connecting');
	readOnly = $state<string | null>(null);
	/** Counts changes that arrived from other people (over the socket), for a polite announcement. */
	remoteChanges = $state(0);
	/** Not reactive: a Y.Doc is not plain data. */
	doc: Y.Doc | null = null;
	private provider: WebsocketProvider | null = null;
	private frame = 0;

	connect(documentId: string, knownEnti: number[]): void {
		const doc = new Y.Doc();
		const ctx = { knownEnti: new Set(knownEnti) };
		const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
		const provider = new WebsocketProvider(base, documentId, doc, { maxBackoffTime: 5000 });
		// The server tells a read-only connection why (message type 2, as the documents editor reads it).
		provider.messageHandlers[2] = (_encoder, decoder) => {
			if (decoding.readVarUint(decoder) === 0)
				this.readOnly = decoding.readVarString(decoder) || 'read-only';
		};
		const refresh = () => {
			cancelAnimationFrame(this.frame);
			this.frame = requestAnimationFrame(() => {
				if (provider.synced) this.rows = project(doc, ctx);
			});
		};
		doc.on('update', (_update: Uint8Array, origin: unknown) => {
			// y-websocket applies what the server relays with the provider as origin.
			if (origin === provider && provider.synced) this.remoteChanges++;
			refresh();
		});
		provider.on('sync', (synced: boolean) => synced && refresh());
		provider.on('status', ({ status }: { status: string }) => {
			this.status =
				status === 'connected' ? 'connected' : status === 'connecting' ? 'connecting' : 'offline';
		});
		this.doc = doc;
		this.provider = provider;
	}

	/** Applies a local edit to the shared document, when it is synced. Returns false otherwise. */
	edit(fn: (doc: Y.Doc) => void): boolean {
		if (!this.doc || !this.provider?.synced || this.readOnly) return false;
		fn(this.doc);
		return true;
	}

	destroy(): void {
		cancelAnimationFrame(this.frame);
		this.provider?.destroy();
		this.doc?.destroy();
		this.provider = null;
		this.doc = null;
	}
}

const KEY = Symbol('raccordo.plan.live');
export const setLivePlan = (p: LivePlan) => setContext(KEY, p);
export const livePlan = () => getContext<LivePlan>(KEY);

/**
 * What a view of the plan shows: the rows and figures of the shared document once it has synced,
 * the server's projection (`data()`) before that. Every plan page reads the same pair.
 */
export function planView(data: () => { rows: ActionRow[]; figures: PlanFigures; today: string }): {
	readonly live: LivePlan;
	readonly rows: ActionRow[];
	readonly figures: PlanFigures;
} {
	const live = livePlan();
	const rows = $derived(live.rows ?? data().rows);
	const figures = $derived(live.rows ? computeFigures(live.rows, data().today) : data().figures);
	return {
		live,
		get rows() {
			return rows;
		},
		get figures() {
			return figures;
		}
	};
}
