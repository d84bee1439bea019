/**
 * Honest players for tests that attack the server: each sends exactly one valid binary input
 * per snapshot it receives (a random walk, never faster than the tick rate) and records when each
 * snapshot arrived, so a test can tell whether an attack slowed them down.
 */
import { SeededRandom } from '@arena/devkit';
import { Button, encodeInput, type ServerPayload } from '@arena/shared/protocol';
import { createRoom, joinRoom, type PlayerSocket } from './player.js';

const WALK = [
  Button.Up,
  Button.Down,
  Button.Left,
  Button.Right,
  Button.Up | Button.Left,
  Button.Down | Button.Right,
  0,
];

export interface HonestPlayer {
  socket: PlayerSocket;
  id: number;
  /** `performance.now()` of every snapshot received. */
  snapshotTimes: number[];
  /** Every error the server sent this player: an honest player should get none. */
  errors: ServerPayload<'error'>[];
  /** Inputs sent, so a test can compare against what the server acknowledged. */
  lastSeq: () => number;
  stop: () => void;
}

function play(socket: PlayerSocket, id: number, seed: number): HonestPlayer {
  const snapshotTimes: number[] = [];
  const errors: ServerPayload<'error'>[] = [];
  let seq = 0;
  const random = new SeededRandom(seed);
  let buttons = 0;
  const onSnapshot = (): void => {
    snapshotTimes.push(performance.now());
    // Change direction now and then, like a person would.
    if (random.chance(1 / 15)) buttons = random.pick(WALK);
    // Binary, as the game's own clients send it (the JSON form is tested on its own).
    socket.emit('player:input', encodeInput({ seq: ++seq, buttons }));
  };
  socket.on('state:snapshot', onSnapshot);
  socket.on('error', (e) => errors.push(e));
  return {
    socket,
    id,
    snapshotTimes,
    errors,
    lastSeq: () => seq,
    stop: () => socket.off('state:snapshot', onSnapshot),
  };
}

/** Creates a room with `count` honest players in it. */
export async function startHonestRoom(
  url: string,
  count: number,
): Promise<{ code: string; players: HonestPlayer[] }> {
  const host = await createRoom(url, 'Honest1');
  const players = [play(host.socket, host.joined.selfId, 1)];
  for (let i = 2; i <= count; i++) {
    const guest = await joinRoom(url, host.joined.roomCode, `Honest${i}`);
    players.push(play(guest.socket, guest.joined.selfId, i));
  }
  return { code: host.joined.roomCode, players };
}

/** Snapshots per second that arrived between `fromMs` and `toMs` (performance.now() times). */
export function snapshotRate(player: HonestPlayer, fromMs: number, toMs: number): number {
  const inWindow = player.snapshotTimes.filter((t) => t >= fromMs && t <= toMs).length;
  return inWindow / ((toMs - fromMs) / 1000);
}
