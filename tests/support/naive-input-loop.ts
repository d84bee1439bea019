/**
 * A client that follows docs/PROTOCOL.md §6 literally and nothing more: one `{seq, buttons}`
 * per tick of its own timer, seq + 1 each time, no prediction and no catch-up rule. Each
 * input may be held back `delayMs` before it leaves, as a slower link would.
 */
import type { InputSlotsStats } from '@arena/shared/netcode/server';
import { Button } from '@arena/shared/protocol';
import { createRoom, waitForSnapshot, type PlayerSocket } from './player.js';
import type { ServerPerTest } from './server-per-test.js';

export class NaiveInputLoop {
  seq = 0;
  buttons = 0;
  delayMs = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: PlayerSocket,
    private readonly tickMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.seq += 1;
      const input = { seq: this.seq, buttons: this.buttons };
      if (this.delayMs === 0) this.socket.emit('player:input', input);
      else setTimeout(() => this.socket.emit('player:input', input), this.delayMs);
    }, this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** A room of one whose player runs a `NaiveInputLoop` holding Right, its first 10 slots spent. */
export async function seatNaivePlayer(ctx: ServerPerTest, name: string, tickMs: number) {
  const { socket, joined } = await createRoom(ctx.server.url, name);
  ctx.sockets.push(socket);
  const self = joined.selfId;
  const ackOf = (s: { acks: { playerId: number; seq: number }[] }) =>
    s.acks.find((a) => a.playerId === self)?.seq ?? 0;
  const loop = new NaiveInputLoop(socket, tickMs);
  ctx.afterTest(() => loop.stop());
  loop.buttons = Button.Right;
  loop.start();
  await waitForSnapshot(socket, (s) => ackOf(s) >= 10);
  const sim = ctx.server.services.rooms.get(joined.roomCode)!.sim;
  return {
    socket,
    self,
    ackOf,
    loop,
    /** The server's own ack and input counts for this player (it runs in this process). */
    serverAck: (): number => sim.ackedSeq(self),
    inputStats: (): Readonly<InputSlotsStats> => sim.inputStats(self)!,
  };
}
