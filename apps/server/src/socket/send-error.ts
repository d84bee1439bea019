/** Every error a client receives goes through here, so each one is counted. */
import type { ErrorCode } from '@arena/shared/protocol';
import type { Metrics } from '../metrics.js';
import type { ArenaSocket } from './types.js';

export function sendError(
  socket: ArenaSocket,
  metrics: Metrics,
  code: ErrorCode,
  message: string,
  event?: string,
): void {
  metrics.countError(code);
  socket.emit('error', event === undefined ? { code, message } : { code, message, event });
}
