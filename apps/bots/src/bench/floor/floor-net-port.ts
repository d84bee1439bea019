/**
 * A `ws` WebSocket to the floor server as the shared `NetClient`'s port, so the same bots
 * (same prediction, seqs and pings) play the floor and Arena. Speaks floor-wire.ts.
 */
import type { NetPort } from '@arena/shared/netcode/client';
import { decodeInput, type ClientPayloadInput, type ServerPayload } from '@arena/shared/protocol';
import type { RawData, WebSocket } from 'ws';
import { encodeFloorInput, encodeFloorPing, messageBytes, type FloorText } from './floor-wire.js';

type SnapshotHandler = (frame: ServerPayload<'state:snapshot'>) => void;
type PongHandler = (pong: ServerPayload<'time:pong'>) => void;

export interface FloorNetPort extends NetPort {
  /** Told about each text message (the welcome, pongs) before the port handles it. */
  onText(handler: (message: FloorText) => void): void;
}

export function floorNetPort(socket: WebSocket): FloorNetPort {
  const snapshotHandlers = new Set<SnapshotHandler>();
  const pongHandlers = new Set<PongHandler>();
  const textHandlers: ((message: FloorText) => void)[] = [];
  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      const frame = messageBytes(data);
      for (const handler of snapshotHandlers) handler(frame);
      return;
    }
    const message = JSON.parse(messageBytes(data).toString()) as FloorText;
    for (const handler of textHandlers) handler(message);
    if (message.type !== 'pong') return;
    const { clientTimeMs, serverTimeMs } = message;
    for (const handler of pongHandlers) handler({ clientTimeMs, serverTimeMs });
  });
  return {
    send: (event, payload) => {
      if (socket.readyState !== socket.OPEN) return;
      // A generic parameter does not narrow with `event`: the payload's type follows it here.
      // The floor never sends a delta to a member without its base (floor-room.ts): nothing
      // to ask for again.
      if (event === 'state:resync') return;
      if (event === 'time:ping') {
        const { clientTimeMs } = payload as ClientPayloadInput<'time:ping'>;
        socket.send(encodeFloorPing(clientTimeMs));
      } else {
        // Arena's binary input, as NetClient sends it, in the floor's own layout.
        const { seq, buttons, viewTick } = decodeInput(payload as Uint8Array);
        socket.send(encodeFloorInput({ seq, buttons, viewTick }));
      }
    },
    on: (event, handler) => {
      const handlers = (event === 'state:snapshot' ? snapshotHandlers : pongHandlers) as Set<
        typeof handler
      >;
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    get open() {
      return socket.readyState === socket.OPEN;
    },
    onText: (handler) => textHandlers.push(handler),
  };
}
