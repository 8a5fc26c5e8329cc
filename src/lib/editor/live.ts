/**
 * What the document page shows of a live editing session. Apart from collab.ts so the page can
 * hold it before the editor (loaded on demand) arrives.
 */
export type Connection = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface Person {
	clientId: number;
	name: string;
	color: string;
	me: boolean;
}

export interface LiveState {
	connection: Connection;
	/** Every local change has come back from the server, which stores before it relays. */
	saved: boolean;
	/** Set when the server says this connection is read-only: 'read-only' | 'frozen' | 'archived'. */
	readOnly: string | null;
	/** The server could not store changes (storage error) and is retrying: nothing here is lost. */
	storageError: boolean;
	/** An edit refused before it was applied because the server would not take it (its size, MB). */
	tooLarge: { sizeMb: number; maxMb: number } | null;
	people: Person[];
}

/** Before the first sync: connecting, nothing unsaved, nobody else here. */
export const initialLiveState = (): LiveState => ({
	connection: 'connecting',
	saved: true,
	readOnly: null,
	storageError: false,
	tooLarge: null,
	people: []
});
