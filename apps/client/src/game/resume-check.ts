/**
 * After every (re)connection the server may give this tab its seat back by itself (the
 * handshake carries the seat token), and it says so with `room:joined` before it reads
 * anything we send. So a `time:ping` sent once the socket is open is answered after that
 * `room:joined`, if there is one: its pong is the moment we know whether we were resumed.
 *
 * Until then a join would race the resume (the server refuses it with ALREADY_IN_ROOM); after
 * it, a tab that was in a room and did not get its seat back knows at once that it must ask
 * again, instead of guessing with a timer.
 */
import type { NetPort } from '@arena/shared/netcode/client';
import type { ServerPayload } from '@arena/shared/protocol';
import { ConnectionStatus, type GameConnection } from '../net/game-connection.js';

/** The check's ping carries this instead of a clock reading; real pings are never negative. */
const CHECK_PING_MS = -1;

export function isResumeCheckPong(pong: ServerPayload<'time:pong'>): boolean {
  return pong.clientTimeMs === CHECK_PING_MS;
}

export class ResumeCheck {
  private open = false;
  private waiting = true;
  private joinedSinceOpen = false;

  /** `onSettled(resumed)`: the server has answered; `resumed` if it gave us a room meanwhile. */
  constructor(
    private readonly connection: GameConnection,
    private readonly onSettled: (resumed: boolean) => void,
  ) {
    connection.onStateChange((state) => this.onState(state.status));
    connection.on('room:joined', () => (this.joinedSinceOpen = true));
    connection.on('time:pong', (pong) => this.onPong(pong));
    this.onState(connection.state.status);
  }

  /** Whether the server has had its chance to resume us on the current connection. */
  get settled(): boolean {
    return this.open && !this.waiting;
  }

  private onState(status: ConnectionStatus): void {
    const open = status === ConnectionStatus.Open;
    // Transport upgrades also report "open": only a new connection starts a new check.
    if (open === this.open) return;
    this.open = open;
    this.waiting = true;
    if (!open) return;
    this.joinedSinceOpen = false;
    this.connection.send('time:ping', { clientTimeMs: CHECK_PING_MS });
  }

  private onPong(pong: ServerPayload<'time:pong'>): void {
    if (!isResumeCheckPong(pong) || !this.open || !this.waiting) return;
    this.waiting = false;
    this.onSettled(this.joinedSinceOpen);
  }
}

/**
 * The wire as the netcode loop should see it: shut (no inputs, no pings, no held buttons)
 * until `ready()` says our seat is settled, since an input from no room is only refused; and
 * without the check's own pong, which is no clock sample.
 */
export function gatedPort(port: NetPort, ready: () => boolean): NetPort {
  return {
    send: (event, payload) => port.send(event, payload),
    on: (event, handler) => {
      if (event !== 'time:pong') return port.on(event, handler);
      const pongs = handler as (pong: ServerPayload<'time:pong'>) => void;
      return port.on('time:pong', (pong) => {
        if (!isResumeCheckPong(pong)) pongs(pong);
      });
    },
    get open() {
      return port.open && ready();
    },
  };
}
