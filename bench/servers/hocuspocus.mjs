// Reference 2: @hocuspocus/server 4 with its defaults (in memory, no auth, batched broadcasts).
import { Server } from '@hocuspocus/server';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
await server.listen();
console.log(`listening on port ${server.address.port}`);
