/** One notification as the server stores it and pushes it live: the same shape on both sides. */
export interface Notification {
	id: number;
	kind: string;
	tavoloId: number | null;
	title: string;
	body: string;
	url: string | null;
	createdAt: string;
	readAt: string | null;
}
