/** A tiny cookie-keeping HTTP client: what a browser does for our forms and JSON endpoints. */
import { DEMO_PASSWORD } from './server';

export class Client {
	cookies = new Map<string, string>();
	constructor(public base: string) {}

	get cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	private keep(res: Response): void {
		for (const c of res.headers.getSetCookie()) {
			const [pair, ...attrs] = c.split(';');
			const [name, value] = pair.split('=');
			const expired = attrs.some(
				(a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a)
			);
			if (expired || value === '') this.cookies.delete(name.trim());
			else this.cookies.set(name.trim(), value.trim());
		}
	}

	async request(path: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.cookies.size) headers.set('cookie', this.cookieHeader);
		if (!headers.has('origin')) headers.set('origin', this.base);
		if (!headers.has('accept')) headers.set('accept', 'text/html');
		const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
		this.keep(res);
		return res;
	}

	get(path: string, init: RequestInit = {}): Promise<Response> {
		return this.request(path, init);
	}

	/** Posts a form the way a browser does without JavaScript (a form action). */
	form(path: string, fields: Record<string, string>, init: RequestInit = {}): Promise<Response> {
		return this.request(path, {
			...init,
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...(init.headers ?? {}) },
			body: new URLSearchParams(fields).toString()
		});
	}

	json(path: string, method: string, body: unknown, init: RequestInit = {}): Promise<Response> {
		return this.request(path, {
			...init,
			method,
			headers: {
				'content-type': 'application/json',
				accept: 'application/json',
				...(init.headers ?? {})
			},
			body: JSON.stringify(body)
		});
	}

	async login(email: string, password = DEMO_PASSWORD): Promise<Response> {
		const res = await this.form('/login', { email, password });
		return res;
	}
}

export async function signedIn(base: string, email: string): Promise<Client> {
	const c = new Client(base);
	const res = await c.login(email);
	if (res.status !== 303)
		throw new Error(`login failed for ${email}: ${res.status} ${await res.text()}`);
	return c;
}

/** The demo accounts by role, as seeded (see src/lib/server/demo/seed.ts and the README). */
export const DEMO = {
	admin: 'admin@demo.raccordo.it',
	segreteria: 'giulia.ferretti@demo.raccordo.it',
	componente: 'marco.bellini@demo.raccordo.it',
	supplente: 'sara.conti@demo.raccordo.it',
	componente2: 'paolo.ricci@demo.raccordo.it',
	osservatore: 'chiara.longo@demo.raccordo.it',
	// Belongs only to the Cagliari tavolo: an outsider for the Umbria one.
	outsider: 'francesca.pinna@demo.raccordo.it',
	outsiderComponente: 'stefano.melis@demo.raccordo.it'
} as const;

export const UMBRIA = 'integrazione-lavorativa-umbria';
export const CAGLIARI = 'consiglio-territoriale-cagliari';
