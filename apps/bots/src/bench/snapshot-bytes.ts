/**
 * `npm run bench:bytes -- --players 10 --seconds 60`: the snapshot bytes of one room of
 * bots walking at random, without sockets or load, so the figure is the codec's alone and the
 * same on any machine. The room is the shared sim stepped at its tick rate with every bot's
 * input on time; each tick's delta is counted as a client receives it (one binary WebSocket
 * message: its header, the event's byte, the delta), and a keyframe is measured once.
 */
import { integerOption, numberOption, readOptions, runCommand } from '@arena/devkit';
import { ROOM_PLAYERS_MAX, SnapshotEncoder, worldSnapshotSource } from '@arena/shared/protocol';
import { addPlayer, createWorld, DEFAULT_SIM_CONFIG, step } from '@arena/shared/sim';
import { randomWalk } from '../random-walk.js';

const USAGE = 'usage: npm run bench:bytes -- [--players 10] [--seconds 60] [--seed 1]';

/** A binary WebSocket message from the server: 2 header bytes, 4 past 125 bytes; then the event's byte. */
const messageBytes = (payload: number) => (payload + 1 < 126 ? 2 : 4) + 1 + payload;

function main(): void {
  const args = readOptions({
    players: { type: 'string' },
    seconds: { type: 'string' },
    seed: { type: 'string' },
  });
  // One room, as a server seats them (MAX_PLAYERS_PER_ROOM).
  const players = integerOption('players', args.players, 10, 1, ROOM_PLAYERS_MAX);
  const seconds = numberOption('seconds', args.seconds, 60, 'positive');
  const seed = numberOption('seed', args.seed, 1);
  const rate = DEFAULT_SIM_CONFIG.tickRateHz;
  let world = createWorld(seed, DEFAULT_SIM_CONFIG);
  const walks = new Map<number, () => number>();
  for (let id = 1; id <= players; id++) {
    world = addPlayer(world, id);
    walks.set(id, randomWalk(seed * 1000 + id));
  }
  const encoder = new SnapshotEncoder(rate);
  const source = worldSnapshotSource(
    () => world,
    () => true,
    // Every input on time: the slot spent is the tick (the first input ran on tick 1).
    () => world.tick,
  );
  let deltaBytes = 0;
  let keyframeBytes = 0;
  const ticks = seconds * rate;
  for (let t = 0; t < ticks; t++) {
    world = step(world, new Map([...walks].map(([id, walk]) => [id, walk()])));
    const encoded = encoder.encode(source, 1_700_000_000_000 + (world.tick * 1000) / rate);
    if (encoded.delta) deltaBytes += messageBytes(encoded.delta.byteLength);
    if (t === ticks - 1) keyframeBytes = messageBytes(encoded.keyframe().byteLength);
  }
  const result = {
    players,
    seconds,
    tickRateHz: rate,
    bytesPerClientPerSecond: deltaBytes / seconds,
    bytesPerSnapshot: deltaBytes / (ticks - 1),
    keyframeBytes,
  };
  console.log(
    `one room of ${players} at ${rate} Hz for ${seconds} s: ` +
      `${result.bytesPerClientPerSecond.toFixed(0)} B per client per second ` +
      `(${result.bytesPerSnapshot.toFixed(1)} B a snapshot, message framing included); ` +
      `a keyframe ${keyframeBytes} B`,
  );
  console.log(JSON.stringify(result));
}

runCommand('bench:bytes', USAGE, () => Promise.resolve(main()));
