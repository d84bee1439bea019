/**
 * Every error a client receives goes through here, whether the gateway answers one socket or
 * a room tells one member or all of them: shaped `{code, message, event?}` and counted by code.
 */
import type { ErrorCode, ServerPayload } from '@arena/shared/protocol';
import type { Metrics } from './metrics.js';

export type ErrorPayload = ServerPayload<'error'>;

/** Sends one error; `event` names the client event that caused it, when there was one. */
export type SendError = (code: ErrorCode, message: string, event?: string) => void;

/** An error sender for one destination: `deliver` puts the payload on its way. */
export function errorSender(deliver: (payload: ErrorPayload) => void, metrics: Metrics): SendError {
  return (code, message, event) => {
    metrics.countError(code);
    deliver(event === undefined ? { code, message } : { code, message, event });
  };
}
