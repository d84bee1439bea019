/**
 * Every player's state at each of the last ticks, for lag compensation: a ring of ticks in
 * typed arrays, written every tick without allocating (a Map and an object per player per
 * tick before), read rarely (a dash judged against what its attacker saw). A row holds every
 * field of the wire's player table, so the dead reckoning can rerun from it.
 */
import { PLAYER_FIELDS } from '../protocol/player-fields.js';
import type { PlayerState } from '../sim/world.js';
import type { Point } from './point.js';

/** A player as recorded; fields the dead reckoning needs default to "at rest, no button". */
export type RecordedPlayer = Pick<PlayerState, 'id' | 'x' | 'y'> & Partial<PlayerState>;

const FIELD_COUNT = PLAYER_FIELDS.length;
const X = PLAYER_FIELDS.findIndex((field) => field.name === 'x');
const Y = PLAYER_FIELDS.findIndex((field) => field.name === 'y');
const NO_TICK = -1;
/** Players a tick holds before the ring grows (rooms hold 10 by default, 64 at most). */
const INITIAL_PLAYERS = 16;

export class LagHistory {
  private readonly ticks: Float64Array;
  private readonly counts: Uint16Array;
  private capacity = INITIAL_PLAYERS;
  private ids: Float64Array;
  private rows: Float64Array;

  constructor(readonly length: number) {
    this.ticks = new Float64Array(length).fill(NO_TICK);
    this.counts = new Uint16Array(length);
    this.ids = new Float64Array(length * this.capacity);
    this.rows = new Float64Array(length * this.capacity * FIELD_COUNT);
  }

  /** Keeps `players` as tick `tick`, over whatever that slot of the ring held. */
  record(tick: number, players: readonly RecordedPlayer[]): void {
    if (players.length > this.capacity) this.grow(players.length);
    const slot = tick % this.length;
    const first = slot * this.capacity;
    for (let i = 0; i < players.length; i++) {
      const player = players[i]!;
      this.ids[first + i] = player.id;
      const row = (first + i) * FIELD_COUNT;
      for (let f = 0; f < FIELD_COUNT; f++)
        this.rows[row + f] = player[PLAYER_FIELDS[f]!.name] ?? 0;
    }
    this.ticks[slot] = tick;
    this.counts[slot] = players.length;
  }

  /** `playerId`'s state at `tick`, if that tick is still kept and the player was in it. */
  stateAt(tick: number, playerId: number): PlayerState | undefined {
    const row = this.rowOf(tick, playerId);
    if (row < 0) return undefined;
    const state: Partial<Record<keyof PlayerState, number>> = { id: playerId };
    for (let f = 0; f < FIELD_COUNT; f++) state[PLAYER_FIELDS[f]!.name] = this.rows[row + f]!;
    return state as PlayerState;
  }

  /**
   * `playerId`'s position at `tick`, as `stateAt` has it: what a rewound dash is judged
   * with, read without building the whole state (a judged dash reads two per victim).
   */
  positionAt(tick: number, playerId: number): Point | undefined {
    const row = this.rowOf(tick, playerId);
    return row < 0 ? undefined : { x: this.rows[row + X]!, y: this.rows[row + Y]! };
  }

  /** Whether `tick` is still kept and `playerId` was in it. */
  holds(tick: number, playerId: number): boolean {
    return this.rowOf(tick, playerId) >= 0;
  }

  /** Where `playerId`'s fields of `tick` start in `rows`; -1 if not kept. */
  private rowOf(tick: number, playerId: number): number {
    const slot = tick % this.length;
    if (this.ticks[slot] !== tick) return -1;
    const first = slot * this.capacity;
    for (let i = 0; i < this.counts[slot]!; i++) {
      if (this.ids[first + i] === playerId) return (first + i) * FIELD_COUNT;
    }
    return -1;
  }

  /** Room for `players` per tick, keeping what each tick holds. */
  private grow(players: number): void {
    const capacity = Math.max(players, this.capacity * 2);
    const ids = new Float64Array(this.length * capacity);
    const rows = new Float64Array(this.length * capacity * FIELD_COUNT);
    for (let slot = 0; slot < this.length; slot++) {
      const count = this.counts[slot]!;
      const from = slot * this.capacity;
      ids.set(this.ids.subarray(from, from + count), slot * capacity);
      rows.set(
        this.rows.subarray(from * FIELD_COUNT, (from + count) * FIELD_COUNT),
        slot * capacity * FIELD_COUNT,
      );
    }
    this.capacity = capacity;
    this.ids = ids;
    this.rows = rows;
  }
}
