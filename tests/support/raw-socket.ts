/**
 * A hand-driven socket.io connection over a plain `ws` WebSocket, for frames that
 * socket.io-client would never send. It speaks just enough of engine.io v4 (open packet,
 * namespace CONNECT) to put one malformed frame on the wire and see how the server reacts.
 */
import { PROTOCOL_VERSION } from '@arena/shared/protocol';
import WebSocket from 'ws';

/** How the server reacted to one frame. `silent` means it neither answered nor hung up. */
export type FrameOutcome = 'answered' | 'disconnected' | 'silent' | 'accepted';

const BARRIER_EVENT = 'fuzz:barrier';
const SILENCE_MS = 3000;

export class RawSocket {
  private readonly messages: string[] = [];
  private closed = false;
  private wake: (() => void) | null = null;
  /** Why the WebSocket failed, e.g. `Unexpected server response: 403` for a refused upgrade. */
  failure = '';
  /** False: the connection goes silent, as one whose network vanished without a close. */
  answerPings = true;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '<binary>' : (data as Buffer).toString('utf8');
      // engine.io heartbeat: answer pings so a slow test never loses the connection.
      if (text === '2') {
        if (this.answerPings) ws.send('3');
      } else this.messages.push(text);
      this.wake?.();
    });
    ws.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    ws.on('error', (error) => (this.failure = error.message));
  }

  /** Opens the engine.io connection and waits for its open packet. */
  static async open(port: number): Promise<RawSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
    const socket = new RawSocket(ws);
    await socket
      .until(() => socket.messages.some((m) => m.startsWith('0')), 'engine.io open packet')
      .catch((error: Error) => {
        throw new Error(socket.failure || error.message);
      });
    return socket;
  }

  /** Joins the main namespace the way socket.io-client does. */
  async connect(): Promise<void> {
    this.ws.send(`40${JSON.stringify({ protocolVersion: PROTOCOL_VERSION })}`);
    await this.until(() => this.messages.some((m) => m.startsWith('40')), 'namespace CONNECT');
  }

  /**
   * Sends `frame` instead of the namespace CONNECT: a refusal (`44`) is an answer; being let
   * in (`40`) would mean a malformed handshake was accepted.
   */
  async sendHandshake(frame: string | Buffer): Promise<FrameOutcome> {
    const seen = this.messages.length;
    this.ws.send(frame);
    const fresh = () => this.messages.slice(seen);
    const done = await this.settle(() =>
      fresh().some((m) => m.startsWith('44') || m.startsWith('40')),
    );
    if (fresh().some((m) => m.startsWith('44'))) return 'answered';
    if (fresh().some((m) => m.startsWith('40'))) return 'accepted';
    return done ? 'disconnected' : 'silent';
  }

  /**
   * Sends `frames` (one packet), then an unknown event as a barrier: the server handles one
   * connection's frames in order, so once the barrier is answered the packet has been handled.
   */
  async sendFrame(...frames: (string | Buffer)[]): Promise<FrameOutcome> {
    const seen = this.messages.length;
    for (const frame of frames) this.ws.send(frame);
    this.ws.send(`42${JSON.stringify([BARRIER_EVENT])}`);
    const barrierAnswered = () => this.messages.slice(seen).some((m) => m.includes(BARRIER_EVENT));
    await this.settle(barrierAnswered);
    const errors = this.messages.slice(seen).filter((m) => m.startsWith('42["error"'));
    if (!barrierAnswered()) return this.closed ? 'disconnected' : 'silent';
    return errors.length >= 2 ? 'answered' : 'silent';
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves once the server closes the connection. */
  closedByServer(timeoutMs = 5000): Promise<void> {
    return this.until(() => this.closed, 'close', timeoutMs);
  }

  /** Every text frame received so far (heartbeats excluded). */
  received(): readonly string[] {
    return this.messages;
  }

  send(frame: string | Buffer): void {
    this.ws.send(frame);
  }

  /** Closes the connection and resolves once it is closed. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.ws.close();
    return this.until(() => this.closed, 'close', 5000).catch(() => this.ws.terminate());
  }

  /** Waits until `done()` or the connection closes; false when it closed without `done()`. */
  private async settle(done: () => boolean): Promise<boolean> {
    await this.until(() => done() || this.closed, 'an answer or a close', SILENCE_MS).catch(
      () => undefined,
    );
    return done() || this.closed;
  }

  private until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = null;
        reject(new Error(`raw socket: timed out waiting for ${what}`));
      }, timeoutMs);
      const check = (): void => {
        if (condition()) {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        } else if (this.closed && what !== 'close') {
          clearTimeout(timer);
          this.wake = null;
          reject(new Error(`raw socket: closed while waiting for ${what}`));
        }
      };
      this.wake = check;
      check();
    });
  }
}
