/**
 * `npm run bench:send`: the server's CPU time to write one pre-framed snapshot (40 bytes) to
 * one WebSocket connection, at 30 Hz to `--connections` socket.io clients (bare WebSockets
 * in a child process that only connect and read), three ways: through engine.io's `write`,
 * through `writeFramed` (framed-write.ts) in a plain loop, and as the server sends a
 * snapshot, `SnapshotFanout.deliver` to rooms of `--per-room` (each member's backlog
 * watched, as transport-limits.ts watches it): the difference between the last two is what
 * the fanout's own bookkeeping costs per member. The ways alternate, so a change in the
 * machine's load falls on all; prints each way's median of `--repeats` windows.
 *
 * The write syscall is most of a write and the noisiest part of it on a shared machine, so the
 * last two ways are also timed with `ws`'s `sendFrame` stubbed out (nothing reaches the
 * kernel), in a tight loop: what is left is the server's own work per member, in ns.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { WebSocket } from 'ws';
import { ROOM_PLAYERS_MAX, type EncodedSnapshot } from '@arena/shared/protocol';
import { Metrics } from '../src/metrics.js';
import { writeFramed, type FramedConnection } from '../src/socket/framed-write.js';
import { SnapshotFanout } from '../src/socket/snapshot-fanout.js';
import { frameSnapshot } from '../src/socket/snapshot-frame.js';
import type { ArenaServer } from '../src/socket/types.js';
import { watchBacklog, type BackloggedConnection } from '../src/socket/write-backlog.js';
import { readBenchOptions } from './bench-options.js';
import { spread } from './figures.js';

const { values, positionals } = readBenchOptions(
  'usage: npm run bench:send -- [--connections 200] [--seconds 6] [--repeats 3] [--per-room 10]',
  { connections: 200, seconds: 6, repeats: 3, 'per-room': 10 },
  { seconds: ['seconds'], most: { 'per-room': ROOM_PLAYERS_MAX } },
);
const CONNECTIONS = values.connections;
const PER_ROOM = values['per-room'];
/** The server's default MAX_UNSENT_BYTES: where a member counts as behind follows from it. */
const MAX_UNSENT_BYTES = 512 * 1024;
const Way = {
  Engine: 'engine.io write',
  Direct: 'writeFramed',
  Fanout: 'SnapshotFanout.deliver',
} as const;
type Way = (typeof Way)[keyof typeof Way];

/** The child: bare WebSockets that join socket.io's main namespace, then read and drop. */
function clients(url: string): void {
  for (let i = 0; i < CONNECTIONS; i++) {
    const ws = new WebSocket(url);
    ws.once('message', () => ws.send('40'));
  }
}

interface Target {
  conns: FramedConnection[];
  fanout: SnapshotFanout;
  rooms: string[];
}

const DELTA = new Uint8Array(40).fill(7);
const KEYFRAME = new Uint8Array(200).fill(7);
const keyframe = () => KEYFRAME;

/** A 40-byte delta on the last one, as a room's encoder hands it over every tick. */
function nextSnapshot(tick: number): EncodedSnapshot {
  return { tick, baseTick: tick - 1, delta: DELTA, keyframe };
}

async function measure(target: Target, way: Way, seconds: number): Promise<number> {
  const { conns, fanout, rooms } = target;
  const frame = frameSnapshot(new Uint8Array(40).fill(7));
  const before = process.cpuUsage();
  let writes = 0;
  let tick = 1_000_000;
  const timer = setInterval(() => {
    if (way === Way.Fanout) {
      tick += 1;
      for (const room of rooms) fanout.deliver(room, nextSnapshot(tick));
    }
    for (const conn of conns) {
      if (way === Way.Engine) conn.write(frame.data, frame.options);
      else if (way === Way.Direct) writeFramed(conn, frame);
    }
    writes += conns.length;
  }, 1000 / 30);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(timer);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / writes;
}

/** `way`'s CPU per write, ns, with every connection's `sendFrame` doing nothing. */
function measureWithoutSyscalls(target: Target, way: Way, rounds: number): number {
  const { conns, fanout, rooms } = target;
  const frame = frameSnapshot(new Uint8Array(40).fill(7));
  const senders = conns.map((conn) => (conn.transport.socket as StubbableSocket)._sender);
  const sendFrames = senders.map((sender) => sender.sendFrame);
  for (const sender of senders) sender.sendFrame = () => undefined;
  let tick = 2_000_000;
  const before = process.cpuUsage();
  for (let round = 0; round < rounds; round++) {
    tick += 1;
    if (way === Way.Fanout) for (const room of rooms) fanout.deliver(room, nextSnapshot(tick));
    else for (const conn of conns) writeFramed(conn, frame);
  }
  const used = process.cpuUsage(before);
  senders.forEach((sender, i) => (sender.sendFrame = sendFrames[i]!));
  return ((used.user + used.system) * 1000) / (rounds * conns.length);
}

interface StubbableSocket {
  _sender: { sendFrame: (list: Buffer[]) => void };
}

async function main(): Promise<void> {
  const http = createServer();
  const io: ArenaServer = new Server(http, { transports: ['websocket'], pingInterval: 60_000 });
  const conns: FramedConnection[] = [];
  io.engine.on('connection', (conn: FramedConnection & BackloggedConnection) => {
    watchBacklog(conn, MAX_UNSENT_BYTES, () => undefined);
    conns.push(conn);
  });
  const rooms: string[] = [];
  let joined = 0;
  io.on('connection', (socket) => {
    const room = `room:${Math.floor(joined++ / PER_ROOM)}`;
    if (!rooms.includes(room)) rooms.push(room);
    void socket.join(room);
  });
  const fanout = new SnapshotFanout(io, new Metrics(), MAX_UNSENT_BYTES);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`;
  const child = fork(new URL(import.meta.url), [
    'clients',
    url,
    '--connections',
    String(CONNECTIONS),
  ]);
  while (joined < CONNECTIONS) await new Promise((resolve) => setTimeout(resolve, 50));
  const target = { conns, fanout, rooms };
  await measure(target, Way.Engine, 2);
  const perWriteUs = new Map<Way, number[]>([
    [Way.Engine, []],
    [Way.Direct, []],
    [Way.Fanout, []],
  ]);
  for (let i = 0; i < values.repeats; i++) {
    for (const way of perWriteUs.keys()) {
      perWriteUs.get(way)!.push(await measure(target, way, values.seconds));
    }
  }
  for (const [way, us] of perWriteUs) {
    const { median, all } = spread(us, 2);
    console.log(`${way}: ${median} µs CPU per write to ${CONNECTIONS} (of ${all})`);
  }
  for (const way of [Way.Direct, Way.Fanout]) {
    const ns: number[] = [];
    for (let i = 0; i < 5; i++) ns.push(measureWithoutSyscalls(target, way, 3000));
    const { median, all } = spread(ns, 0);
    console.log(`${way}, no syscall: ${median} ns CPU per write (of ${all})`);
  }
  child.kill();
  await io.close();
}

if (positionals[0] === 'clients') clients(positionals[1]!);
else await main();
