/**
 * A bad network on demand: `?lag=150&jitter=30&stall=2` (or `?net=far`) puts a `LinkDelayer`
 * in each direction between the game and the real connection, the same one the server uses
 * for its side. `lag` is one way, so a round trip takes about twice as long. Like a
 * WebSocket, the links keep order and never drop anything: a "lost" packet shows up as a
 * stall and then a burst. Connection state (open, closed) is not delayed; only the events
 * that flow over it are.
 */
import {
  LinkDelayer,
  LinkProfileQueryError,
  parseLinkProfileQuery,
  type TimerClock,
  type LinkProfile,
} from '@arena/shared/netcode/client';
import type { ClientEventName, ClientPayloadInput, ServerEventName } from '@arena/shared/protocol';
import type { ConnectionState, GameConnection, ServerHandler } from './game-connection.js';

type AnyHandler = (payload: unknown) => void;

export interface LinkQuery {
  profile: LinkProfile | undefined;
  /** What was wrong with the query, said to the player; the real link is used instead. */
  problem: string | undefined;
}

/** Reads the link simulator's keys from the page's query string. */
export function linkProfileFromQuery(search: string): LinkQuery {
  try {
    return { profile: parseLinkProfileQuery(search), problem: undefined };
  } catch (error) {
    if (!(error instanceof LinkProfileQueryError)) throw error;
    return { profile: undefined, problem: `link simulator off: ${error.message}` };
  }
}

/** A seed per link, so two tabs with the same query do not stall in step. */
function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fff_ffff);
}

/** A throwing handler is reported like any uncaught error, and the rest still get theirs. */
function deliver(handler: AnyHandler, payload: unknown): void {
  try {
    handler(payload);
  } catch (error) {
    reportError(error);
  }
}

class SimulatedLinkConnection implements GameConnection {
  private readonly outbound: LinkDelayer;
  private readonly inbound: LinkDelayer;
  private readonly handlers = new Map<ServerEventName, Set<AnyHandler>>();

  constructor(
    private readonly inner: GameConnection,
    readonly link: LinkProfile,
    clock: TimerClock,
  ) {
    this.outbound = new LinkDelayer(link, randomSeed(), clock);
    this.inbound = new LinkDelayer(link, randomSeed(), clock);
  }

  get state(): Readonly<ConnectionState> {
    return this.inner.state;
  }

  send<E extends ClientEventName>(event: E, payload: ClientPayloadInput<E>): void {
    this.outbound.delay(() => this.inner.send(event, payload));
  }

  on<E extends ServerEventName>(event: E, handler: ServerHandler<E>): () => void {
    let handlers = this.handlers.get(event);
    if (!handlers) {
      const listeners = new Set<AnyHandler>();
      handlers = listeners;
      this.handlers.set(event, listeners);
      // One real listener per event; what it hears waits in the inbound link.
      this.inner.on(event, (payload) => {
        this.inbound.delay(() => {
          for (const listener of listeners) deliver(listener, payload);
        });
      });
    }
    const listener = handler as AnyHandler;
    handlers.add(listener);
    return () => handlers.delete(listener);
  }

  onStateChange(handler: (state: Readonly<ConnectionState>) => void): () => void {
    return this.inner.onStateChange(handler);
  }

  reclaimSeat(): void {
    this.inner.reclaimSeat();
  }

  close(): void {
    this.outbound.close();
    this.inbound.close();
    this.inner.close();
  }
}

const browserClock: TimerClock = {
  now: () => performance.now(),
  schedule: (run, delayMs) => {
    const timer = setTimeout(run, delayMs);
    return () => clearTimeout(timer);
  },
};

export function withSimulatedLink(
  inner: GameConnection,
  link: LinkProfile,
  clock: TimerClock = browserClock,
): GameConnection {
  return new SimulatedLinkConnection(inner, link, clock);
}
