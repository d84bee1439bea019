/**
 * What an inbound event must pass before any handler sees it: the protocol must know the event
 * (no schema, no handler), the socket must be within its rate limit for that kind of event,
 * and the payload must parse against the event's schema (a binary `player:input` through its
 * own decoder instead: a length check and three bounds, no object parse). A refused event is
 * answered with `error` and costs the socket some patience; a socket that runs out is
 * disconnected, and no one else notices.
 */
import {
  clientEventSchemas,
  decodeInput,
  ErrorCode,
  InputDecodeError,
  isClientEventName,
  type ClientEventName,
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

/** Passes an event on, or refuses it (and answers the socket) with `undefined`. */
export type Guard = (event: unknown, raw: unknown) => AdmittedEvent | undefined;

export function createGuard(
  socket: ArenaSocket,
  services: GameServices,
  sendError: SendError,
): Guard {
  const limits = new SocketLimits(services.config.TICK_RATE_HZ, services.clock(), () =>
    services.load.loop.stalledMs(),
  );

  const misbehaved = (code: ErrorCode, message: string, event?: string): void => {
    sendError(code, message, event);
    if (limits.strike(services.clock())) return;
    services.log.warn(
      { socket: socket.id, address: socket.data.address },
      'disconnecting an abusive socket',
    );
    socket.disconnect(true);
  };

  const overLimit = (event: ClientEventName, now: number): void => {
    // Answered at most every 250 ms, so a flood is not echoed back; counted every time.
    if (limits.shouldWarn(event, now))
      sendError(ErrorCode.RateLimited, `Too many ${event} events; slow down.`, event);
    else services.metrics.countError(ErrorCode.RateLimited);
    if (!limits.strike(now)) socket.disconnect(true);
  };

  return (event, raw) => {
    if (!isClientEventName(event)) {
      const name = JSON.stringify(String(event).slice(0, 40));
      misbehaved(ErrorCode.UnknownEvent, `Unknown event ${name}.`);
      return undefined;
    }
    const now = services.clock();
    if (!limits.allow(event, now)) {
      overLimit(event, now);
      return undefined;
    }
    if (event === 'player:input' && raw instanceof Uint8Array) return binaryInput(raw);
    const parsed = clientEventSchemas[event].safeParse(raw ?? {});
    if (parsed.success) return { event, payload: parsed.data };
    misbehaved(ErrorCode.InvalidPayload, describeIssue(parsed.error), event);
    return undefined;
  };

  function binaryInput(bytes: Uint8Array): AdmittedEvent | undefined {
    try {
      return { event: 'player:input', payload: decodeInput(bytes) };
    } catch (error) {
      if (!(error instanceof InputDecodeError)) throw error;
      misbehaved(ErrorCode.InvalidPayload, `Binary input: ${error.message}.`, 'player:input');
      return undefined;
    }
  }
}
