/**
 * A client as another language would write one from docs/PROTOCOL.md: a socket.io connection
 * (the page says to use a socket.io library where there is one) given a parser that reads §1's
 * binary messages, payloads as plain JSON, every event it receives logged in order so a rule
 * can wait for one that may already have come. Snapshots are read as they arrive, by one
 * reader for the connection's whole stream (§7), and logged read: a `WireSnapshot`, or the
 * `LayoutError` that refused the frame (after which it asks for a keyframe, as §7 says).
 */
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from './protocol-facts.js';
import { BaseMismatch, LayoutError, SnapshotReader, type WireSnapshot } from './snapshot-layout.js';
import { oneMessageParser } from './wire-parser.js';

export type Payload = Record<string, unknown>;
export type Transport = 'websocket' | 'polling';

export interface Received {
  event: string;
  payload: unknown;
}

export interface ConnectOptions {
  auth?: Record<string, unknown>;
  transports?: Transport[];
}

/** A refused handshake: socket.io's `connect_error`, whose `data` is `{code, message}`. */
export class ConnectRefused extends Error {
  constructor(
    readonly data: { code?: string; message?: string } | undefined,
    reason: string,
  ) {
    super(`connect_error ${data?.code ?? '(no code)'}: ${data?.message ?? reason}`);
  }
}

const DEFAULT_TIMEOUT_MS = 5000;

export class ConformanceClient {
  readonly log: Received[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly snapshots = new SnapshotReader();

  private constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => {
      this.log.push({ event, payload: event === 'state:snapshot' ? this.read(payload) : payload });
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** The next frame of the stream, read; a delta on a base not held asks for a keyframe. */
  private read(payload: unknown): WireSnapshot | LayoutError {
    try {
      return this.snapshots.read(toBytes(payload));
    } catch (error) {
      if (error instanceof BaseMismatch) this.socket.emit('state:resync', {});
      if (error instanceof LayoutError) return error;
      return new LayoutError(String(error));
    }
  }

  static connect(url: string, options: ConnectOptions = {}): Promise<ConformanceClient> {
    const socket = io(url, {
      transports: options.transports ?? ['websocket'],
      reconnection: false,
      forceNew: true,
      parser: oneMessageParser,
      auth: options.auth ?? { protocolVersion: PROTOCOL_VERSION },
    });
    const client = new ConformanceClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(client));
      socket.once('connect_error', (error: Error & { data?: ConnectRefused['data'] }) => {
        socket.close();
        reject(new ConnectRefused(error.data, error.message));
      });
    });
  }

  /** A `Uint8Array` payload of a binary event (§1) goes as one binary message. */
  emit(event: string, payload?: Payload | Uint8Array): void {
    if (payload === undefined) this.socket.emit(event);
    else this.socket.emit(event, payload);
  }

  /** Where the log ends now: pass it to `next` to wait only for what comes after. */
  mark(): number {
    return this.log.length;
  }

  /** The first `event` from `since` on that satisfies `accept`, waiting up to `timeoutMs`. */
  async next<T = Payload>(
    event: string,
    accept: (payload: T) => boolean = () => true,
    since = 0,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<T> {
    const found = await this.nextOf((e) => e.event === event && accept(e.payload as T), since, {
      what: event,
      timeoutMs,
    });
    return found.payload as T;
  }

  /** Sends `event`, then resolves with `reply`'s payload or rejects with the `error` it got. */
  async request<T = Payload>(event: string, payload: Payload, reply: string): Promise<T> {
    const since = this.mark();
    this.emit(event, payload);
    const found = await this.nextOf((e) => e.event === reply || e.event === 'error', since, {
      what: reply,
    });
    if (found.event === 'error')
      throw new Error(`${event}: error ${JSON.stringify(found.payload)}`);
    return found.payload as T;
  }

  /** The first logged event from `since` on that `accept`s. */
  nextOf(
    accept: (entry: Received) => boolean,
    since: number,
    { what, timeoutMs = DEFAULT_TIMEOUT_MS }: { what: string; timeoutMs?: number },
  ): Promise<Received> {
    return new Promise((resolve, reject) => {
      let scanned = since;
      const check = (): boolean => {
        for (; scanned < this.log.length; scanned++) {
          const entry = this.log[scanned]!;
          if (accept(entry)) {
            resolve(entry);
            return true;
          }
        }
        return false;
      };
      if (check()) return;
      const wake = () => {
        if (!check()) return;
        this.waiters.delete(wake);
        clearTimeout(timer);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(wake);
    });
  }

  /** The next snapshot from `since` on, read with PROTOCOL.md's layout, that satisfies `accept`. */
  async nextSnapshot(
    accept: (snapshot: WireSnapshot) => boolean = () => true,
    since = 0,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<WireSnapshot> {
    return this.next<WireSnapshot>(
      'state:snapshot',
      (snapshot) => !(snapshot instanceof LayoutError) && accept(snapshot),
      since,
      timeoutMs,
    );
  }

  /** Resolves once the connection is closed (by either side). */
  closed(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    if (this.socket.disconnected) return Promise.resolve('already closed');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the connection stayed open')), timeoutMs);
      this.socket.once('disconnect', (reason: string) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}

function toBytes(payload: unknown): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  throw new Error(`state:snapshot is not binary: ${typeof payload}`);
}
