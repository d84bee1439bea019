/**
 * A bad network on demand: `?lag=150&jitter=30&stall=2` (or `?net=far`) puts a
 * `SimulatedLink` in each direction between the game and the real connection. `lag` is one
 * way, so a round trip takes about twice as long. Like a WebSocket, the links keep order and
 * never drop anything: a "lost" packet shows up as a stall and then a burst. Connection
 * state (open, closed) is not delayed; only the events that flow over it are.
 */
import {
  LinkProfileQueryError,
  parseLinkProfileQuery,
  SimulatedLink,
  type LinkProfile,
} from '@arena/shared/netcode';
import type { ClientEventName, ClientPayloadInput, ServerEventName } from '@arena/shared/protocol';
import type { ConnectionState, GameConnection, ServerHandler } from './game-connection.js';

interface Outbound {
  event: ClientEventName;
  payload: unknown;
}

interface Inbound {
  event: ServerEventName;
  payload: unknown;
}

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
  private readonly outbound: SimulatedLink<Outbound>;
  private readonly inbound: SimulatedLink<Inbound>;
  private readonly handlers = new Map<ServerEventName, Set<AnyHandler>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAtMs = Infinity;

  constructor(
    private readonly inner: GameConnection,
    readonly link: LinkProfile,
    private readonly now: () => number,
  ) {
    this.outbound = new SimulatedLink(link, randomSeed());
    this.inbound = new SimulatedLink(link, randomSeed());
  }

  get state(): Readonly<ConnectionState> {
    return this.inner.state;
  }

  send<E extends ClientEventName>(event: E, payload: ClientPayloadInput<E>): void {
    this.outbound.send(this.now(), { event, payload });
    this.schedule();
  }

  on<E extends ServerEventName>(event: E, handler: ServerHandler<E>): () => void {
    let handlers = this.handlers.get(event);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(event, handlers);
      // One real listener per event; what it hears waits in the inbound link.
      this.inner.on(event, (payload) => {
        this.inbound.send(this.now(), { event, payload });
        this.schedule();
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
    this.inner.close();
  }

  /** Delivers whatever is due in both directions, oldest first, then waits for the next. */
  private pump(): void {
    this.timer = undefined;
    this.timerAtMs = Infinity;
    const nowMs = this.now();
    for (const { event, payload } of this.outbound.receive(nowMs)) {
      // The payload was checked against the event's type when it was sent.
      (this.inner.send as (event: ClientEventName, payload: unknown) => void)(event, payload);
    }
    for (const { event, payload } of this.inbound.receive(nowMs)) {
      for (const handler of this.handlers.get(event) ?? []) deliver(handler, payload);
    }
    this.schedule();
  }

  private schedule(): void {
    const next = Math.min(
      this.outbound.nextDeliveryAtMs() ?? Infinity,
      this.inbound.nextDeliveryAtMs() ?? Infinity,
    );
    if (next === Infinity || next >= this.timerAtMs) return;
    clearTimeout(this.timer);
    this.timerAtMs = next;
    this.timer = setTimeout(() => this.pump(), Math.max(0, next - this.now()));
  }
}

export function withSimulatedLink(
  inner: GameConnection,
  link: LinkProfile,
  now: () => number = () => performance.now(),
): GameConnection {
  return new SimulatedLinkConnection(inner, link, now);
}
