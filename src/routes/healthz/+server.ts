import { json } from '@sveltejs/kit';
import { healthy } from '$lib/server/health';

export function GET() {
	const ok = healthy();
	return json(
		{ status: ok ? 'ok' : 'unavailable' },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
}
