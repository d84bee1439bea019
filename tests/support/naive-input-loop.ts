/**
 * A client that follows docs/PROTOCOL.md §6 literally and nothing more: one `{seq, buttons}`
 * per tick of its own timer, seq + 1 each time, no prediction and no catch-up rule. Each
 * input may be held back `delayMs` before it leaves, as a slower link would.
 */
import type { PlayerSocket } from './player.js';

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
