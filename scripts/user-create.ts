// `npm run user:create -- --email a@b.it --name "Nome Cognome" [--admin]`
// The password is read from RACCORDO_PASSWORD or asked on the terminal, never taken as an argument
// (it would end up in shell history and `ps`).
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { db } from '../src/lib/server/db/index.js';
import { createUser } from '../src/lib/server/users/index.js';
import { ValidationError } from '../src/lib/server/errors.js';

const { values } = parseArgs({
	options: {
		email: { type: 'string' },
		name: { type: 'string' },
		admin: { type: 'boolean', default: false }
	}
});
if (!values.email || !values.name) {
	console.error(
		'Uso: npm run user:create -- --email persona@ente.it --name "Nome Cognome" [--admin]'
	);
	process.exit(2);
}
let password = process.env.RACCORDO_PASSWORD;
if (!password) {
	const rl = createInterface({ input: process.stdin, output: process.stdout });
	password = await rl.question('Password (almeno 10 caratteri): ');
	rl.close();
}
db();
try {
	const id = await createUser({
		email: values.email,
		name: values.name,
		password,
		isAdmin: values.admin
	});
	console.log(
		`Account creato (id ${id})${values.admin ? ' con ruolo di amministrazione' : ''}: ${values.email}`
	);
} catch (e) {
	if (e instanceof ValidationError) {
		for (const [field, message] of Object.entries(e.fields)) console.error(`${field}: ${message}`);
		process.exit(1);
	}
	throw e;
}
