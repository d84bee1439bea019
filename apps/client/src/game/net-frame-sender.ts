/**
 * Sends what one netcode frame asks for: the clock ping first, then every input in order.
 * The link keeps order, so a ping sent after this tick's input would wait behind it; the
 * netcode schedules pings on tick frames for exactly that reason.
 */
import type { ClientFrame } from '@arena/shared/netcode/client';
import type { ClientEventName, ClientPayloadInput } from '@arena/shared/protocol';
import type { GameConnection } from '../net/game-connection.js';
import type { RoomSession } from './room-session.js';

/**
 * Bytes an event takes as a socket.io text packet (`42["event",{…}]`), for the Net HUD's
 * "bytes out". WebSocket framing adds a few more; this is the game's own share.
 */
export function textPacketBytes(event: string, payload: unknown): number {
  return 2 + JSON.stringify([event, payload]).length;
}

function emit<E extends ClientEventName>(
  connection: GameConnection,
  session: RoomSession,
  nowMs: number,
  event: E,
  payload: ClientPayloadInput<E>,
): void {
  connection.send(event, payload);
  session.net.stats.recordBytesOut(nowMs, textPacketBytes(event, payload));
}

export function sendNetFrame(
  connection: GameConnection,
  session: RoomSession,
  frame: ClientFrame,
  nowMs: number,
): void {
  if (frame.pingClientTimeMs !== undefined) {
    emit(connection, session, nowMs, 'time:ping', { clientTimeMs: frame.pingClientTimeMs });
  }
  for (const { seq, buttons, viewTick } of frame.inputs) {
    const view = viewTick === undefined ? {} : { viewTick };
    emit(connection, session, nowMs, 'player:input', { seq, buttons, ...view });
    session.recordInputSent(seq, buttons);
  }
}
