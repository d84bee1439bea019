/**
 * `npm run bench:receive`: the server's CPU time to receive one binary `player:input`, through
 * socket.io (the general path) and read below it (direct-inputs.ts), on the real server
 * (`buildApp`) with `--connections` bare WebSocket clients in a child process, seated by
 * quick play in rooms of 10, each sending one input per tick (30 Hz, no buttons held, so the
 * rooms' ticks and snapshots cost the same whether inputs arrive or not). Windows alternate:
 * idle (no inputs), general, direct, and direct with every read handled one message a turn of
 * the event loop (as the server did before it handled small reads at once: paced-reads.ts); an
 * input's cost is its window's CPU per second above the idle window's, divided by the inputs
 * received per second. Prints each way's median of `--repeats` windows.
 *
 * A last way is the floor under all of them: the same clients' second connections, to a bare
 * `ws` server in the same process that decodes each input and keeps the newest per connection
 * (what the bench's raw-`ws` floor server does with one), so that what Arena's way costs above
 * reading a WebSocket message at all is printed beside it.
 */
import { fork } from 'node:child_process';
import {
  binaryEventNumber,
  decodeInput,
  encodeBinaryEvent,
  encodeInput,
  PROTOCOL_VERSION,
  type PlayerInput,
} from '@arena/shared/protocol';
import { WebSocket, WebSocketServer } from 'ws';
import { buildApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { readInputsThroughSocketIo } from '../src/socket/direct-inputs.js';
import { readOneMessageATurn } from '../src/socket/paced-reads.js';
import { readBenchOptions } from './bench-options.js';
import { spread } from './figures.js';

const { values, positionals } = readBenchOptions(
  'usage: npm run bench:receive -- [--connections 200] [--seconds 5] [--repeats 3]',
  { connections: 200, seconds: 5, repeats: 3 },
  { seconds: ['seconds'] },
);
const CONNECTIONS = values.connections;
const TICK_RATE_HZ = 30;
const Way = {
  Idle: 'idle',
  General: 'through socket.io',
  Direct: 'read below socket.io',
  OneATurn: 'read below socket.io, one message a turn',
  Bare: 'a bare ws server (the floor)',
} as const;
type Way = (typeof Way)[keyof typeof Way];

/**
 * The child: bare clients that join by quick play, each with a second connection to the bare
 * server; they send inputs to one or the other while told to.
 */
function clients(url: string, bareUrl: string): void {
  const seated: WebSocket[] = [];
  const bare: WebSocket[] = [];
  let sending: 'no' | 'send' | 'send-bare' = 'no';
  let sent = 0;
  let seq = 0;
  for (let i = 0; i < CONNECTIONS; i++) {
    const ws = new WebSocket(url);
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      if (text === '2') ws.send('3');
      else if (text.startsWith('0'))
        ws.send(`40${JSON.stringify({ protocolVersion: PROTOCOL_VERSION })}`);
      else if (text.startsWith('40'))
        ws.send(`42${JSON.stringify(['room:quickplay', { name: `Bench ${i}` }])}`);
      else if (text.startsWith('42["room:joined"') && seated.push(ws) === CONNECTIONS)
        process.send?.('seated');
    });
    const second = new WebSocket(bareUrl);
    second.on('open', () => bare.push(second));
  }
  // `send`, then `mark` where the window starts, then `idle`: answered with inputs since `mark`.
  process.on('message', (command) => {
    if (command === 'mark') sent = 0;
    if (command === 'idle') process.send?.(sent);
    if (command === 'idle') sending = 'no';
    if (command === 'send' || command === 'send-bare') sending = command;
  });
  setInterval(() => {
    if (sending === 'no') return;
    const message = encodeBinaryEvent('player:input', encodeInput({ seq: ++seq, buttons: 0 }));
    const to = sending === 'send' ? seated : bare;
    for (const ws of to) ws.send(message);
    sent += to.length;
  }, 1000 / TICK_RATE_HZ);
}

type Child = ReturnType<typeof fork>;
const reply = <T>(child: Child) => new Promise<T>((resolve) => child.once('message', resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU µs per second of one window, and inputs sent per second in it. */
async function window(child: Child, way: Way, seconds: number) {
  if (way !== Way.Idle) child.send(way === Way.Bare ? 'send-bare' : 'send');
  await sleep(200); // the first inputs' way to the server
  child.send('mark');
  const before = process.cpuUsage();
  const startedMs = performance.now();
  await sleep(seconds * 1000);
  const used = process.cpuUsage(before);
  const elapsedS = (performance.now() - startedMs) / 1000;
  child.send('idle');
  const sent = await reply<number>(child);
  await sleep(200);
  return { cpuUsPerS: (used.user + used.system) / elapsedS, inputsPerS: sent / elapsedS };
}

/** The first byte of a binary `player:input` message, as the server reads it. */
const INPUT_EVENT_BYTE = binaryEventNumber('player:input');

/** The floor's receive: a bare `ws` server that decodes each input and keeps the newest. */
async function bareServer(): Promise<WebSocketServer> {
  const newest = new Map<WebSocket, PlayerInput>();
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  server.on('connection', (ws) => {
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary && data[0] === INPUT_EVENT_BYTE) newest.set(ws, decodeInput(data.subarray(1)));
    });
    ws.on('close', () => newest.delete(ws));
  });
  await new Promise((resolve) => server.once('listening', resolve));
  return server;
}

async function main(): Promise<void> {
  const config = testConfig({ MAX_ROOMS_PER_IP: 1000, ROOMS_OPENED_PER_MIN_PER_IP: 1000 });
  const { app, services } = await buildApp({ ...config, MAX_CONNECTIONS_PER_IP: 10_000 });
  const conns: { transport: { socket: object } }[] = [];
  services.io.engine.on('connection', (conn: (typeof conns)[number]) => conns.push(conn));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`;
  const bare = await bareServer();
  const bareUrl = `ws://127.0.0.1:${(bare.address() as { port: number }).port}`;
  const child = fork(new URL(import.meta.url), [
    'clients',
    url,
    bareUrl,
    '--connections',
    `${CONNECTIONS}`,
  ]);
  await reply(child);
  const seconds = values.seconds;
  await window(child, Way.Direct, 2); // warm-up
  const perInputUs = new Map<Way, number[]>([
    [Way.General, []],
    [Way.Direct, []],
    [Way.OneATurn, []],
    [Way.Bare, []],
  ]);
  for (let i = 0; i < values.repeats; i++) {
    const idle = await window(child, Way.Idle, seconds);
    for (const way of perInputUs.keys()) {
      for (const conn of conns) {
        readInputsThroughSocketIo(conn, way === Way.General);
        readOneMessageATurn(conn.transport.socket, way === Way.OneATurn);
      }
      const busy = await window(child, way, seconds);
      perInputUs.get(way)!.push((busy.cpuUsPerS - idle.cpuUsPerS) / busy.inputsPerS);
    }
  }
  for (const [way, us] of perInputUs) {
    const { median, all } = spread(us, 1);
    console.log(`${way}: ${median} µs CPU per input (of ${all})`);
  }
  child.kill();
  bare.close();
  await app.close();
}

if (positionals[0] === 'clients') clients(positionals[1]!, positionals[2]!);
else await main();
