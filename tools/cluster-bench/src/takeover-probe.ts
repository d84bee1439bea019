/**
 * A player that watches one room through a takeover: connected to a process that survives, it
 * sends an input every tick and notes when snapshots stop and start again. It tells how long
 * the room stood still after its owner was killed, how many ticks the new owner ran again
 * (from its checkpoint to the last tick seen), how many inputs went nowhere meanwhile, and
 * whether every player's score at the tick the room went on from is the one seen before.
 */
import {
  PROTOCOL_VERSION,
  SnapshotBaseMismatch,
  SnapshotDecoder,
  wireParser,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type Snapshot,
} from '@arena/shared/protocol';
import { io, type Socket } from 'socket.io-client';

export interface TakeoverSeen {
  tickingAgainMs: number;
  ticksRunAgain: number;
  /** Inputs sent while no process ran the room: they reached nobody. */
  inputsSentUnowned: number;
  /** The probe got its own seat back (same player id). */
  seatKept: boolean;
  /**
   * Every player's score at the tick the room went on from equals the score seen at that tick
   * before the kill; null if the probe had not seen that tick.
   */
  scoresKept: boolean | null;
}

/** Ticks of history kept to compare scores with: a lease (2 s) at 30 Hz, and then some. */
const HISTORY_TICKS = 300;

const scoresOf = (s: Snapshot) => JSON.stringify(s.players.map((p) => [p.id, p.score]));

export class TakeoverProbe {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private selfId = -1;
  private readonly history = new Map<number, string>();
  private lastTick = 0;
  private killedAtMs = 0;
  private seqAtKill = 0;
  /** When the new owner gave the seat back: time, inputs sent so far, last tick seen before. */
  private resumed: { atMs: number; seq: number; lastTick: number; selfId: number } | null = null;
  private seen: TakeoverSeen | null = null;

  constructor(
    url: string,
    private readonly code: string,
  ) {
    this.socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      parser: wireParser,
      auth: { protocolVersion: PROTOCOL_VERSION },
    });
  }

  async start(): Promise<void> {
    const joined = new Promise<number>((resolve) =>
      this.socket.once('room:joined', (j) => resolve(j.selfId)),
    );
    this.socket.emit('room:join', { code: this.code, name: 'probe' });
    this.selfId = await joined;
    this.socket.on('room:joined', (j) => {
      if (!this.killedAtMs || this.resumed) return;
      const at = { atMs: performance.now(), seq: this.seq, lastTick: this.lastTick };
      this.resumed = { ...at, selfId: j.selfId };
    });
    // One decoder for the connection's stream: a keyframe first, then deltas.
    const decoder = new SnapshotDecoder();
    this.socket.on('state:snapshot', (frame) => {
      try {
        this.onSnapshot(decoder.decode(frame));
      } catch (error) {
        // A delta on a base it does not hold: ask for a whole snapshot (docs/PROTOCOL.md §7).
        if (!(error instanceof SnapshotBaseMismatch)) throw error;
        this.socket.emit('state:resync', {});
      }
    });
    this.timer = setInterval(
      () => this.socket.emit('player:input', { seq: ++this.seq, buttons: 0 }),
      1000 / 30,
    );
  }

  /** The room's owner is being killed now. */
  killed(): void {
    this.killedAtMs = performance.now();
    this.seqAtKill = this.seq;
  }

  result(): TakeoverSeen | null {
    return this.seen;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.socket.disconnect();
  }

  private onSnapshot(snapshot: Snapshot): void {
    const { tick } = snapshot;
    if (this.resumed && !this.seen) {
      const before = this.history.get(tick);
      this.seen = {
        tickingAgainMs: performance.now() - this.killedAtMs,
        ticksRunAgain: this.resumed.lastTick - (tick - 1),
        inputsSentUnowned: this.resumed.seq - this.seqAtKill,
        seatKept: this.resumed.selfId === this.selfId,
        scoresKept: before === undefined ? null : before === scoresOf(snapshot),
      };
    }
    if (!this.resumed) {
      this.history.set(tick, scoresOf(snapshot));
      this.history.delete(tick - HISTORY_TICKS);
    }
    this.lastTick = tick;
  }
}
