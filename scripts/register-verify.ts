// `npm run register:verify`: recomputes every hash chain of the register (public and not) from the
// database named by DATABASE_PATH and names the first broken link of each chain. Exit code 1 when
// something is broken, so it can run from cron or CI.
import { verifyChains } from '../src/lib/server/decisions/index.js';
import { closeDb, databasePath } from '../src/lib/server/db/index.js';

const r = verifyChains();
console.log(`Registro: ${databasePath()}`);
for (const c of r.chains)
	console.log(
		`  ${c.ok ? 'OK     ' : 'ROTTA  '} ${c.tavoloSlug} [${c.visibility}] ${c.length} decisioni`
	);
if (r.ok) console.log(`Catene integre: ${r.checked} decisioni pubblicate verificate.`);
else {
	console.log('Catena spezzata:');
	for (const b of r.broken)
		console.log(`  decisione ${b.ref} (${b.tavoloSlug}, id ${b.decisionId}): ${b.reason}`);
}
closeDb();
process.exit(r.ok ? 0 : 1);
