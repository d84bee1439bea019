/**
 * The wire as a `NetClient` sees it: the two events it sends and the two it hears. The
 * browser's connection, a bot's or a test's socket.io socket and netlab's simulated link
 * each offer this, so the loop around the netcode is written once.
 */
import type { ClientBinaryForms, ClientPayloadInput, ServerPayload } from '../protocol/events.js';

export type NetSendEvent = 'player:input' | 'time:ping' | 'state:resync';
export type NetReceiveEvent = 'state:snapshot' | 'time:pong';

/** What a `NetClient` hands its port: inputs as their binary form (`encodeInput`), always. */
export type NetSendPayload<E extends NetSendEvent> = E extends keyof ClientBinaryForms
  ? ClientBinaryForms[E]
  : Exclude<ClientPayloadInput<E>, Uint8Array>;

export interface NetPort {
  send<E extends NetSendEvent>(event: E, payload: NetSendPayload<E>): void;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends NetReceiveEvent>(event: E, handler: (payload: ServerPayload<E>) => void): () => void;
  /** False while the connection is down: nothing is sent then, and no buttons are held. */
  readonly open: boolean;
}

/**
 * Bytes an event takes as a socket.io packet, for the Net HUD's bytes in and out: a text packet
 * (`42["event",{…}]`), or a binary one (the event's byte, then the payload). WebSocket framing
 * adds a few more; this is the game's own share.
 */
export function packetBytes(event: string, payload: unknown): number {
  if (payload instanceof Uint8Array) return 1 + payload.byteLength;
  return 2 + JSON.stringify([event, payload]).length;
}
