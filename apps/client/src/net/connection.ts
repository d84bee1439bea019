/**
 * The one socket.io connection of this tab, seen through the `GameConnection` interface.
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

/** The handshake refusal the server sends for another protocol version (`err.data.code`). */
function isProtocolMismatch(err: Error): boolean {
  const data: unknown = (err as Error & { data?: unknown }).data;
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { code?: unknown }).code === ErrorCode.ProtocolMismatch
  );
}

class SocketConnection implements GameConnection {
  private current: ConnectionState;
  private readonly stateHandlers = new Set<(state: Readonly<ConnectionState>) => void>();

  constructor(
    private readonly socket: ArenaSocket,
    webSocketSupported: boolean,
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
    this.watchSession();
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

  close(): void {
    this.socket.disconnect();
  }

  private update(change: Partial<ConnectionState>): void {
    this.current = { ...this.current, ...change };
    const snapshot = this.state;
    for (const handler of this.stateHandlers) handler(snapshot);
  }

  private watchLifecycle(): void {
    const { socket } = this;
    // The engine is replaced on every reconnection, so its upgrade listener is re-attached.
    socket.io.on('open', () => {
      socket.io.engine.on('upgrade', (transport: { name: string }) => {
        if (this.current.status === ConnectionStatus.Open)
          this.update({ transport: transport.name });
      });
    });
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
    socket.on('connect_error', (err) => {
      const outdated = isProtocolMismatch(err);
      this.update({
        status: ConnectionStatus.Error,
        transport: null,
        detail: outdated ? OUTDATED_MESSAGE : err.message,
        outdated,
      });
    });
    socket.io.on('reconnect_attempt', (attempt) => {
      this.update({
        status: ConnectionStatus.Connecting,
        detail: `reconnecting, attempt ${attempt}`,
      });
    });
    socket.onAny(() => {
      this.current.messagesIn += 1;
    });
  }

  private watchSession(): void {
    this.socket.on('room:joined', (joined) => writeSessionToken(joined.sessionToken));
    this.socket.on('room:left', () => writeSessionToken(null));
  }
}

/**
 * Connects to the page's own origin. WebSocket first, long-polling only where the browser has
 * no WebSocket at all (DESIGN §4).
 */
export function connect(): GameConnection {
  const webSocketSupported = 'WebSocket' in window;
  const socket: ArenaSocket = io({
    transports: webSocketSupported ? ['websocket', 'polling'] : ['polling'],
    // A function, so every reconnection presents the newest seat token.
    auth: (cb) => {
      const auth: HandshakeAuth = { protocolVersion: PROTOCOL_VERSION };
      const sessionToken = readSessionToken();
      if (sessionToken !== undefined) auth.sessionToken = sessionToken;
      cb(auth);
    },
  });
  return new SocketConnection(socket, webSocketSupported);
}
