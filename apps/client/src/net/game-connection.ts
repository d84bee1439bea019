/**
 * The connection as the rest of the client sees it. Only `src/net/` knows socket.io exists;
 * scenes, the lobby and tests talk to this interface, so a test can hand in a fake.
 */
import type {
  ClientEventName,
  ClientPayloadInput,
  ServerEventName,
  ServerPayload,
} from '@arena/shared/protocol';
import type { LinkProfile, NetPort } from '@arena/shared/netcode/client';

/** The browser WebSocket API's lifecycle, as shown to the player. */
export const ConnectionStatus = {
  Connecting: 'connecting',
  Open: 'open',
  Closed: 'closed',
  Error: 'error',
} as const;
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus];

export interface ConnectionState {
  status: ConnectionStatus;
  /** `websocket` or `polling` while open; null otherwise. */
  transport: string | null;
  /** Whether this browser has `WebSocket` at all (if not, we run on long-polling). */
  webSocketSupported: boolean;
  /** Why it closed, or what went wrong; empty while connecting or open. */
  detail: string;
  /** The server speaks another protocol version: only a reload can fix it. */
  outdated: boolean;
  messagesIn: number;
  messagesOut: number;
}

export type ServerHandler<E extends ServerEventName> = (payload: ServerPayload<E>) => void;

export interface GameConnection {
  /** A fresh copy each read; counters included. */
  readonly state: Readonly<ConnectionState>;
  /** The simulated link every event passes through (`?lag=`), or null on the real link. */
  readonly link: LinkProfile | null;
  /** Emits an event. `player:input` is dropped while not open (a stale input is useless). */
  send<E extends ClientEventName>(event: E, payload: ClientPayloadInput<E>): void;
  /** Subscribes to a server event; returns the unsubscribe function. */
  on<E extends ServerEventName>(event: E, handler: ServerHandler<E>): () => void;
  /** Called on every status or transport change; returns the unsubscribe function. */
  onStateChange(handler: (state: Readonly<ConnectionState>) => void): () => void;
  /**
   * After `SESSION_REPLACED`: reconnects presenting the seat token that another tab took over,
   * so the server hands the seat back to this tab (and tells the other one).
   */
  reclaimSeat(): void;
  close(): void;
}

/** The connection as the shared `NetClient`'s port: open only while the status says so. */
export function netPortOf(connection: GameConnection): NetPort {
  return {
    // Every NetSendPayload is one of the event's ClientPayloadInput forms; TypeScript cannot
    // follow a generic event name through the conditional type.
    send: (event, payload) => connection.send(event, payload as ClientPayloadInput<typeof event>),
    on: (event, handler) => connection.on(event, handler),
    get open() {
      return connection.state.status === ConnectionStatus.Open;
    },
  };
}
