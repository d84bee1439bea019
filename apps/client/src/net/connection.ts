/**
 * The socket.io connection of this tab (and its snapshot mirror's, if it opens one), seen
 * through the `GameConnection` interface.
 * It mirrors the browser WebSocket API's lifecycle (connecting, open, closed with a reason,
 * error with a message) so the player always knows where they stand.
 */
import {
  ErrorCode,
  PROTOCOL_VERSION,
  type ClientEventName,
  type ClientPayloadInput,
  type ClientToServerEvents,
  type HandshakeAuth,
  type ServerEventName,
  type ServerToClientEvents,
  SNAPSHOT_MIRROR_STREAM,
  wireParser,
} from '@arena/shared/protocol';
import { io, type Socket } from 'socket.io-client';
import {
  ConnectionStatus,
  type ConnectionState,
  type GameConnection,
  type ServerHandler,
} from './game-connection.js';
import { readSessionToken, writeSessionToken } from './session-token.js';

type ArenaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const CLOSE_REASONS: Record<string, string> = {
  'io server disconnect': 'the server closed the connection',
  'io client disconnect': 'closed by this page',
  'ping timeout': 'the server stopped answering',
  'transport close': 'the connection was lost',
  'transport error': 'the connection failed',
  'parse error': 'the server sent something unreadable',
};

export const OUTDATED_MESSAGE = 'This page is older than the server: reload it to play.';

/** Refusals worth trying again later by ourselves (socket.io gives up after a refusal). */
const RETRYABLE_REFUSALS: readonly string[] = [
  ErrorCode.ServerShuttingDown,
  ErrorCode.TooManyConnections,
];
const REFUSAL_RETRY_MS = 3000;

/** A handshake refusal carries `err.data = {code, message}`; other errors carry nothing. */
function refusalOf(err: Error): { code?: string; message?: string } {
  const data: unknown = (err as Error & { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return {};
  const { code, message } = data as { code?: unknown; message?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

class SocketConnection implements GameConnection {
  private current: ConnectionState;
  readonly link = null;
  /** A seat token another tab took over; kept aside so our own reconnections leave it alone. */
  private replacedToken: string | null = null;
  private readonly stateHandlers = new Set<(state: Readonly<ConnectionState>) => void>();

  constructor(
    private readonly socket: ArenaSocket,
    webSocketSupported: boolean,
    /** A snapshot mirror holds no seat of its own and retries nothing by itself. */
    private readonly isMirror = false,
  ) {
    this.current = {
      status: ConnectionStatus.Connecting,
      transport: null,
      webSocketSupported,
      detail: '',
      outdated: false,
      messagesIn: 0,
      messagesOut: 0,
    };
    this.watchLifecycle();
    this.watchTransport();
    if (!isMirror) this.watchSession();
    this.watchNetwork();
  }

  get state(): Readonly<ConnectionState> {
    return { ...this.current };
  }

  send<E extends ClientEventName>(event: E, payload: ClientPayloadInput<E>): void {
    // Inputs are only worth anything now; everything else socket.io buffers until it is open.
    if (event === 'player:input' && !this.socket.connected) return;
    // Leaving on purpose gives the seat up; a later reconnection must not claim it back.
    if (event === 'room:leave') writeSessionToken(null);
    this.current.messagesOut += 1;
    // socket.io's typed emit cannot follow a generic event name; the signature above is the check.
    (this.socket.emit as (event: string, payload: unknown) => void)(event, payload);
  }

  on<E extends ServerEventName>(event: E, handler: ServerHandler<E>): () => void {
    // As in send(): the generic signature is the check, the untyped socket does the work.
    const listener = handler as (payload: unknown) => void;
    const socket = this.socket as unknown as Socket;
    const name: string = event;
    socket.on(name, listener);
    return () => {
      socket.off(name, listener);
    };
  }

  onStateChange(handler: (state: Readonly<ConnectionState>) => void): () => void {
    this.stateHandlers.add(handler);
    return () => {
      this.stateHandlers.delete(handler);
    };
  }

  reclaimSeat(): void {
    if (this.replacedToken !== null) writeSessionToken(this.replacedToken);
    this.replacedToken = null;
    this.reconnectNow('taking the seat back');
  }

  close(): void {
    this.socket.disconnect();
  }

  /** A new handshake at once (it reads the seat token again), skipping any retry backoff. */
  private reconnectNow(detail: string): void {
    this.socket.disconnect();
    this.update({ status: ConnectionStatus.Connecting, transport: null, detail });
    this.socket.connect();
  }

  private update(change: Partial<ConnectionState>): void {
    this.current = { ...this.current, ...change };
    const snapshot = this.state;
    for (const handler of this.stateHandlers) handler(snapshot);
  }

  /** The socket's own events: open, closed with a reason, error with a message. */
  private watchLifecycle(): void {
    const { socket } = this;
    socket.on('connect', () => {
      this.update({
        status: ConnectionStatus.Open,
        transport: socket.io.engine.transport.name,
        detail: '',
        outdated: false,
      });
    });
    socket.on('disconnect', (reason) => {
      this.update({
        status: ConnectionStatus.Closed,
        transport: null,
        detail: CLOSE_REASONS[reason] ?? reason,
      });
    });
    socket.on('connect_error', (err) => this.onConnectError(err));
    socket.onAny(() => {
      this.current.messagesIn += 1;
    });
  }

  private onConnectError(err: Error): void {
    const refusal = refusalOf(err);
    const outdated = refusal.code === ErrorCode.ProtocolMismatch;
    this.update({
      status: ConnectionStatus.Error,
      transport: null,
      detail: outdated ? OUTDATED_MESSAGE : (refusal.message ?? err.message),
      outdated,
    });
    // After a refusal socket.io stops retrying; a restart or a full server is worth another try.
    const retryable = !this.isMirror && RETRYABLE_REFUSALS.includes(refusal.code ?? '');
    const retry = !this.socket.active && retryable;
    if (!retry) return;
    setTimeout(() => {
      this.update({ status: ConnectionStatus.Connecting, detail: 'trying again' });
      this.socket.connect();
    }, REFUSAL_RETRY_MS);
  }

  /** The manager's and engine's events: reconnection attempts and transport upgrades. */
  private watchTransport(): void {
    const manager = this.socket.io;
    // The engine is replaced on every reconnection, so its upgrade listener is re-attached.
    manager.on('open', () => {
      manager.engine.on('upgrade', (transport: { name: string }) => {
        if (this.current.status === ConnectionStatus.Open) {
          this.update({ transport: transport.name });
        }
      });
    });
    manager.on('reconnect_attempt', (attempt) => {
      this.update({
        status: ConnectionStatus.Connecting,
        detail: `reconnecting, attempt ${attempt}`,
      });
    });
  }

  private watchSession(): void {
    this.socket.on('room:joined', (joined) => writeSessionToken(joined.sessionToken));
    this.socket.on('room:left', () => writeSessionToken(null));
    // The seat now belongs to another tab: presenting its token on our next automatic
    // reconnection would silently steal it back, so only reclaimSeat() may use it again.
    this.socket.on('error', ({ code }) => {
      if (code !== ErrorCode.SessionReplaced) return;
      this.replacedToken = readSessionToken() ?? null;
      writeSessionToken(null);
    });
  }

  /**
   * socket.io drops the transport on the browser's `offline` event, then retries with a growing
   * backoff (seconds); when the network is back we retry at once, so a Wi-Fi blip costs the
   * player as little of the game as possible.
   */
  private watchNetwork(): void {
    window.addEventListener('online', () => {
      if (!this.socket.connected && this.socket.active) this.reconnectNow('network is back');
    });
  }
}

/**
 * Connects to the page's own origin. WebSocket first, long-polling only where the browser has
 * no WebSocket at all (DESIGN §4). `mirrorOf`: the seat token of the seat whose snapshot mirror
 * this connection is (snapshot-mirror.ts).
 */
export function connect(options: { mirrorOf?: string } = {}): GameConnection {
  const { mirrorOf } = options;
  const webSocketSupported = 'WebSocket' in window;
  const socket: ArenaSocket = io({
    transports: webSocketSupported ? ['websocket', 'polling'] : ['polling'],
    // An event with one binary argument (a snapshot, an input) is one message (PROTOCOL.md §1).
    parser: wireParser,
    // A function, so every reconnection presents the newest seat token.
    auth: (cb) => {
      const auth: HandshakeAuth = { protocolVersion: PROTOCOL_VERSION };
      if (mirrorOf !== undefined) {
        cb({ ...auth, sessionToken: mirrorOf, stream: SNAPSHOT_MIRROR_STREAM });
        return;
      }
      const sessionToken = readSessionToken();
      if (sessionToken !== undefined) auth.sessionToken = sessionToken;
      cb(auth);
    },
  });
  return new SocketConnection(socket, webSocketSupported, mirrorOf !== undefined);
}
