/**
 * `npm run bench:send`: the server's CPU time to write one pre-framed snapshot (40 bytes) to
 * one WebSocket connection, through engine.io's `write` and through `writeFramed`
 * (framed-write.ts), at 30 Hz to `--connections` bare engine.io clients in a child process.
 * The two ways alternate, so a change in the machine's load falls on both; prints each
 * way's median of `--repeats` windows.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import { WebSocket } from 'ws';
import { writeFramed, type FramedConnection } from '../src/socket/framed-write.js';
import { frameSnapshot } from '../src/socket/snapshot-frame.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    connections: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '6' },
    repeats: { type: 'string', default: '3' },
  },
});
const CONNECTIONS = Number(values.connections);
const Way = { Engine: 'engine.io write', Direct: 'writeFramed' } as const;
type Way = (typeof Way)[keyof typeof Way];

/** The child: bare engine.io clients that read and drop everything. */
function clients(url: string): void {
  for (let i = 0; i < CONNECTIONS; i++) new WebSocket(url).on('message', () => undefined);
}

async function measure(conns: FramedConnection[], way: Way, seconds: number): Promise<number> {
  const frame = frameSnapshot(new Uint8Array(40).fill(7));
  const before = process.cpuUsage();
  let writes = 0;
  const timer = setInterval(() => {
    for (const conn of conns) {
      if (way === Way.Engine) conn.write(frame.data, frame.options);
      else writeFramed(conn, frame);
    }
    writes += conns.length;
  }, 1000 / 30);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(timer);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / writes;
}

async function main(): Promise<void> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'], pingInterval: 60_000 });
  const conns: FramedConnection[] = [];
  io.engine.on('connection', (conn: FramedConnection) => conns.push(conn));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`;
  const child = fork(new URL(import.meta.url), [
    'clients',
    url,
    '--connections',
    String(CONNECTIONS),
  ]);
  while (conns.length < CONNECTIONS) await new Promise((resolve) => setTimeout(resolve, 50));
  await measure(conns, Way.Engine, 2);
  const perWriteUs = new Map<Way, number[]>([
    [Way.Engine, []],
    [Way.Direct, []],
  ]);
  for (let i = 0; i < Number(values.repeats); i++) {
    for (const way of perWriteUs.keys()) {
      perWriteUs.get(way)!.push(await measure(conns, way, Number(values.seconds)));
    }
  }
  for (const [way, us] of perWriteUs) {
    const median = [...us].sort((a, b) => a - b)[Math.floor(us.length / 2)]!;
    const all = us.map((u) => u.toFixed(2)).join(' / ');
    console.log(`${way}: ${median.toFixed(2)} µs CPU per write to ${CONNECTIONS} (of ${all})`);
  }
  child.kill();
  await io.close();
}

if (positionals[0] === 'clients') clients(positionals[1]!);
else await main();
