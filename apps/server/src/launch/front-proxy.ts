/**
 * One port in front of several server processes, for `npm run cluster` on one machine: what
 * nginx or Caddy does in front of a real cluster (docs/HOSTING.md). HTTP requests and
 * WebSocket upgrades are passed through as they are (Host kept, X-Forwarded-For added).
 *
 * Sticky by cookie: the first response a browser gets names the process that served it
 * (`arena-backend`), and that browser's later requests go there. socket.io's long-polling
 * needs it: every request of one polling connection must reach the process that holds it
 * (a WebSocket is one connection, it needs nothing). A process that does not answer is
 * skipped, and the browser gets another.
 */
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type Socket } from 'node:net';

const COOKIE = 'arena-backend';

export interface FrontProxy {
  server: Server;
  close: () => Promise<void>;
}

/** `backends()` gives the ports of the processes now (a restarted process has a new one). */
export function startFrontProxy(
  host: string,
  port: number,
  backends: () => readonly number[],
): Promise<FrontProxy> {
  let next = 0;
  /** The process this request sticks to (its cookie's, if that one still runs), else the next. */
  const pick = (req: IncomingMessage, avoid?: number): number | undefined => {
    const ports = backends().filter((p) => p !== avoid);
    const sticky = Number(/(?:^|;\s*)arena-backend=(\d+)/.exec(req.headers.cookie ?? '')?.[1]);
    if (ports.includes(sticky)) return sticky;
    next = (next + 1) % Math.max(1, ports.length);
    return ports[next];
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => forward(req, res, pick));
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) =>
    tunnel(req, socket, head, pick),
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () =>
      resolve({
        server,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}

type Pick = (req: IncomingMessage, avoid?: number) => number | undefined;

function forwardedHeaders(req: IncomingMessage): IncomingMessage['headers'] {
  const from = req.socket.remoteAddress ?? '';
  const before = req.headers['x-forwarded-for'];
  return { ...req.headers, 'x-forwarded-for': before ? `${String(before)}, ${from}` : from };
}

/** Passes one HTTP request on; a process that refuses the connection is tried no more. */
function forward(req: IncomingMessage, res: ServerResponse, pick: Pick, avoid?: number): void {
  const port = pick(req, avoid);
  if (port === undefined) return void res.writeHead(502).end('no server process is running\n');
  const upstream = request(
    { host: '127.0.0.1', port, method: req.method, path: req.url, headers: forwardedHeaders(req) },
    (answer) => {
      const headers = { ...answer.headers };
      const cookies = [headers['set-cookie'] ?? []].flat();
      headers['set-cookie'] = [...cookies, `${COOKIE}=${port}; Path=/; HttpOnly; SameSite=Lax`];
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    },
  );
  upstream.once('error', (error: NodeJS.ErrnoException) => {
    // Nothing of a GET was sent yet: it can go to another process as it is.
    const retry = req.method === 'GET' && avoid === undefined && !res.headersSent;
    if (error.code === 'ECONNREFUSED' && retry) return forward(req, res, pick, port);
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}

/** Passes a WebSocket upgrade on as raw TCP, once the process has accepted the connection. */
function tunnel(req: IncomingMessage, client: Socket, head: Buffer, pick: Pick, avoid?: number) {
  const port = pick(req, avoid);
  if (port === undefined) return void client.destroy();
  const upstream = connect(port, '127.0.0.1', () => {
    const headers = forwardedHeaders(req);
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (const [name, value] of Object.entries(headers))
      for (const one of [value ?? []].flat()) lines.push(`${name}: ${one}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client).pipe(upstream);
  });
  upstream.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ECONNREFUSED' && avoid === undefined)
      return tunnel(req, client, head, pick, port);
    client.destroy();
  });
  client.once('error', () => upstream.destroy());
  client.once('close', () => upstream.destroy());
  upstream.once('close', () => client.destroy());
}
