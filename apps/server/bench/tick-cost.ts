/**
 * `npm run bench:tick`: CPU time of one room's tick as the server runs it (`RoomSimulation`:
 * input slots, lag compensation, the sim, then the snapshot's encoding), for rooms of 10
 * players walking at random (a dash now and then), inputs on time with a view tick. No
 * sockets, one process: a figure that another process's load disturbs little, to compare two
 * versions of the tick. Prints the median of `--repeats` measurements, the heap bytes a tick
 * allocates (windows with no collection in them) and the share of the time spent collecting.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_SIM_CONFIG, stepInPlace } from '@arena/shared/sim';
import { ROOM_PLAYERS_MAX } from '@arena/shared/protocol';
import { RoomSimulation } from '../src/rooms/room-simulation.js';
import { readBenchOptions } from './bench-options.js';
import { median, spread } from './figures.js';
import { bytesPerCall, GcWatch } from './heap-allocation.js';

const { values } = readBenchOptions(
  'usage: npm run bench:tick -- [--rooms 20] [--players 10] [--ticks 3000] [--repeats 5]',
  { rooms: 20, players: 10, ticks: 3000, repeats: 5 },
  { most: { players: ROOM_PLAYERS_MAX } },
);
const ROOMS = values.rooms;
const PLAYERS = values.players;
const TICKS = values.ticks;
const DASH = 16;

let seed = 12345;
/** A small seeded generator: the same walk every run. */
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;

const rooms = Array.from({ length: ROOMS }, (_, r) => {
  const limits = { bufferTicks: 2, maxBacklog: 30 };
  const room = new RoomSimulation(r + 1, DEFAULT_SIM_CONFIG, limits, stepInPlace);
  for (let id = 1; id <= PLAYERS; id++) room.addPlayer(id);
  return room;
});
const held = rooms.map(() => new Array<number>(PLAYERS + 1).fill(0));

/** One tick of every room, each with its inputs and its snapshot encoded. */
function tickEveryRoom(): void {
  rooms.forEach((room, r) => {
    const tick = room.world.tick;
    for (let id = 1; id <= PLAYERS; id++) {
      if (random() < 0.1) held[r]![id] = Math.floor(random() * DASH);
      const buttons = held[r]![id]! | (random() < 0.02 ? DASH : 0);
      const viewTick = Math.max(0, tick - 4);
      room.receiveInput(id, { seq: tick + 3, buttons, viewTick, viewAheadMs: 0 });
    }
    room.tick();
    room.encodeSnapshot(tick * (1000 / 30));
  });
}

function run(ticks: number): void {
  for (let t = 0; t < ticks; t++) tickEveryRoom();
}

run(600);
const gc = new GcWatch();
const perTickUs: number[] = [];
const gcShares: number[] = [];
for (let i = 0; i < values.repeats; i++) {
  const from = performance.now();
  const before = process.cpuUsage();
  run(TICKS);
  const used = process.cpuUsage(before);
  const to = performance.now();
  const gcMs = (await gc.within(from, to)).reduce((sum, e) => sum + e.duration, 0);
  perTickUs.push((used.user + used.system) / (TICKS * ROOMS));
  gcShares.push((gcMs * 1000) / (used.user + used.system));
}
// Rounds short enough to fit between two collections of the young generation.
const bytesPerRound = await bytesPerCall(gc, tickEveryRoom, 20, 20);
gc.stop();
const tickUs = spread(perTickUs, 1);
console.log(
  `room tick (${PLAYERS} players, snapshot encoded): ${tickUs.median} µs CPU, median of`,
  tickUs.all,
);
console.log(
  `heap allocated per room tick: ${bytesPerRound === undefined ? 'n/a (a collection in every window)' : `${Math.round(bytesPerRound / ROOMS)} B`};`,
  `garbage collection: ${(100 * median(gcShares)).toFixed(1)} % of the CPU time`,
);
