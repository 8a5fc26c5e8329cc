import { db } from './db/index.js';
import { isEmpty, seedDemo } from './demo/seed.js';
import { startRetention } from './privacy/retention.js';
import './documents/demo.js';
import { startPlans } from './plans/boot.js';
import './meetings/demo.js';
import './decisions/demo.js';

const KEY = Symbol.for('raccordo.started');
type G = typeof globalThis & { [KEY]?: Promise<void> };

/** Migrates, seeds the demo into an empty database (unless SEED_DEMO=0), once per process. */
export function startup(): Promise<void> {
	const g = globalThis as G;
	return (g[KEY] ??= (async () => {
		db();
		startRetention(); // expired sessions and old notifications, now and daily
		if (process.env.SEED_DEMO !== '0' && isEmpty()) {
			const { password, generated } = await seedDemo();
			console.log('[raccordo] Demo seeded: accounts are listed in the README.');
			if (generated) console.log(`[raccordo] Demo password (printed only now): ${password}`);
		}
		startPlans();
	})());
}
