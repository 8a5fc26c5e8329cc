// `npm run db:migrate`: apply pending migrations to DATABASE_PATH and say which.
import { databasePath, migrate, open } from '../src/lib/server/db/index.js';

const handle = open();
const applied = migrate(handle);
handle.close();
console.log(
	applied.length
		? `Migrazioni applicate a ${databasePath()}: ${applied.join(', ')}`
		: `Nessuna migrazione da applicare (${databasePath()} è aggiornato).`
);
