/**
 * What an inbound event must pass before any handler sees it: the protocol must know the event
 * (no schema, no handler), the socket must be within its rate limit for that kind of event,
 * and the payload must parse against the event's schema (a binary `player:input` through its
 * own decoder instead: a length check and three bounds, no object parse). A refused event is
 * answered with `error` and costs the socket some patience; a socket that runs out is
 * disconnected, and no one else notices.
 *
 * A binary input read below socket.io (direct-inputs.ts) passes the same checks, in the same
 * order, against the same limits: `admitBinaryInput` is what `admit` does for one.
 */
import {
  clientEventSchemas,
  decodeInput,
  ErrorCode,
  InputDecodeError,
  isClientEventName,
  type ClientEventName,
  type PlayerInput,
} from '@arena/shared/protocol';
import type { SendError } from '../send-error.js';
import type { GameServices } from '../services.js';
import { describeIssue } from './describe-issue.js';
import { SocketLimits } from './rate-limits.js';
import type { ArenaSocket } from './types.js';

/** An event that passed: its name, and its payload as its schema parsed it. */
export interface AdmittedEvent {
  event: ClientEventName;
  payload: unknown;
}

/** One socket's guard: the same limits and answers whichever way an event arrived. */
export class SocketGuard {
  private readonly limits: SocketLimits;

  constructor(
    private readonly socket: ArenaSocket,
    private readonly services: GameServices,
    private readonly sendError: SendError,
  ) {
    this.limits = new SocketLimits(services.config.TICK_RATE_HZ, services.clock(), () =>
      services.load.loop.stalledMs(),
    );
  }

  /** Passes an event as socket.io hands it over, or refuses it (answered) with `undefined`. */
  admit(event: unknown, raw: unknown): AdmittedEvent | undefined {
    if (!isClientEventName(event)) {
      const name = JSON.stringify(String(event).slice(0, 40));
      this.misbehaved(ErrorCode.UnknownEvent, `Unknown event ${name}.`);
      return undefined;
    }
    if (!this.withinLimit(event)) return undefined;
    if (event === 'player:input' && raw instanceof Uint8Array) {
      const input = this.decodeBinaryInput(raw);
      return input && { event, payload: input };
    }
    const parsed = clientEventSchemas[event].safeParse(raw ?? {});
    if (parsed.success) return { event, payload: parsed.data };
    this.misbehaved(ErrorCode.InvalidPayload, describeIssue(parsed.error), event);
    return undefined;
  }

  /** The payload of a binary `player:input`: exactly what `admit` does for one. */
  admitBinaryInput(bytes: Uint8Array): PlayerInput | undefined {
    return this.withinLimit('player:input') ? this.decodeBinaryInput(bytes) : undefined;
  }

  /** Charges the event's rate limit, before anything is parsed; false if it is over it. */
  private withinLimit(event: ClientEventName): boolean {
    const now = this.services.clock();
    if (this.limits.allow(event, now)) return true;
    // Answered at most every 250 ms, so a flood is not echoed back; counted every time.
    if (this.limits.shouldWarn(event, now))
      this.sendError(ErrorCode.RateLimited, `Too many ${event} events; slow down.`, event);
    else this.services.metrics.countError(ErrorCode.RateLimited);
    if (!this.limits.strike(now)) this.socket.disconnect(true);
    return false;
  }

  private decodeBinaryInput(bytes: Uint8Array): PlayerInput | undefined {
    try {
      return decodeInput(bytes);
    } catch (error) {
      if (!(error instanceof InputDecodeError)) throw error;
      this.misbehaved(ErrorCode.InvalidPayload, `Binary input: ${error.message}.`, 'player:input');
      return undefined;
    }
  }

  private misbehaved(code: ErrorCode, message: string, event?: string): void {
    this.sendError(code, message, event);
    if (this.limits.strike(this.services.clock())) return;
    this.services.log.warn(
      { socket: this.socket.id, address: this.socket.data.address },
      'disconnecting an abusive socket',
    );
    this.socket.disconnect(true);
  }
}
