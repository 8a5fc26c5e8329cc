// Reference 1: @y/websocket-server 0.1.1 as its README runs it (in memory, no auth).
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => res.end('okay'));
server.on('upgrade', (req, socket, head) =>
	wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req))
);
server.listen(0, '127.0.0.1', () => console.log(`listening on port ${server.address().port}`));
