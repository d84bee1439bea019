/**
 * A bot against the floor server: the same `NetClient` and `BotLoop` as an Arena bot, over a
 * plain `ws` WebSocket instead of socket.io. The floor seats it on connect, so it plays from
 * the welcome on.
 */
import { NetClient, netRoomOf } from '@arena/shared/netcode/client';
import { WebSocket } from 'ws';
import { BotLoop } from '../../bot-loop.js';
import { countInto, type BotStats } from '../../bot-stats.js';
import { floorNetPort } from './floor-net-port.js';

export class FloorBot {
  readonly net: NetClient;
  /** Resolves once seated (the welcome came); rejects if the connection fails first. */
  readonly joined: Promise<void>;
  private readonly socket: WebSocket;
  private readonly loop: BotLoop;
  private leaving = false;

  constructor(url: string, seed: number, stats: BotStats) {
    let seated = () => {};
    let failed = (_error: Error) => {};
    this.joined = new Promise((resolve, reject) => ((seated = resolve), (failed = reject)));
    // Whoever awaits it sees the failure; nobody awaiting is not an unhandled rejection.
    this.joined.catch(() => undefined);
    this.socket = new WebSocket(url, { perMessageDeflate: false });
    const port = floorNetPort(this.socket);
    this.net = new NetClient({ port, now: () => performance.now() });
    this.loop = new BotLoop(this.net, stats, seed, () => port.open);
    port.on('state:snapshot', (frame) => {
      stats.snapshots += 1;
      stats.snapshotBytes += frame.byteLength;
    });
    port.onText((message) => {
      if (message.type !== 'welcome') return;
      stats.joins += 1;
      this.net.enterRoom(netRoomOf({ role: 'player', selfId: message.selfId, sim: message.sim }));
      this.loop.start(message.sim.tickRateHz);
      seated();
    });
    this.socket.on('open', () => (stats.connects += 1));
    this.socket.on('close', () => {
      failed(new Error('the floor closed the connection before seating the bot'));
      this.loop.stop();
      if (!this.leaving) countInto(stats.drops, 'closed by the server');
    });
    this.socket.on('error', (error) => {
      failed(error);
      countInto(stats.errors, error.message);
    });
  }

  stop(): void {
    this.leaving = true;
    this.loop.stop();
    this.socket.close();
  }
}
