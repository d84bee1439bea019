/**
 * `time:pong`, the clock-sync answer, as socket.io's parser writes the event (docs/PROTOCOL.md
 * §1: engine.io's message `4`, socket.io's EVENT `2`, then the JSON array), framed here so that
 * it can go straight to the WebSocket (framed-write.ts). Every client pings once a second, and
 * through socket.io's emit each pong cost about five snapshot writes: with connection-state
 * recovery on, socket.io sends a single socket's event through the adapter, which stores it
 * for replay and appends an offset, then its encoder, engine.io's packet and events, a write.
 * A pong is never replayed (recovery-adapter.ts says why), so it carries no offset.
 */
import type { ServerPayload } from '@arena/shared/protocol';
import { allocateFrame, WsOpcode, type FramedMessage } from './message-frame.js';

const ENGINE_MESSAGE = 0x34; // '4'

export function framePong(pong: ServerPayload<'time:pong'>): FramedMessage {
  // Numbers and ASCII keys only: one byte per character.
  const packet = `2${JSON.stringify(['time:pong', pong])}`;
  const { frame, payloadAt } = allocateFrame(WsOpcode.Text, 1 + packet.length);
  frame[payloadAt] = ENGINE_MESSAGE;
  frame.write(packet, payloadAt + 1, 'latin1');
  return { data: packet, options: { compress: false, wsPreEncodedFrame: [frame] } };
}
