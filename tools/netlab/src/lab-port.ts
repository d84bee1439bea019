/**
 * netlab's wire as a `NetPort`: what the client sends goes into its simulated uplink at the
 * lab clock's `nowMs`; what the downlink delivers is handed in through `deliver`.
 */
import { decodeInput, type ServerPayload } from '@arena/shared/protocol';
import type {
  NetPort,
  NetReceiveEvent,
  NetSendEvent,
  NetSendPayload,
  SimulatedLink,
} from '@arena/shared/netcode/client';
import { upMessageBytes, type DownMessage, type UpMessage } from './messages.js';

type Handlers = { [E in NetReceiveEvent]?: (payload: ServerPayload<E>) => void };

function upMessage(event: NetSendEvent, payload: NetSendPayload<NetSendEvent>): UpMessage {
  if (event === 'time:ping') {
    const { clientTimeMs } = payload as NetSendPayload<'time:ping'>;
    return { kind: 'ping', clientTimeMs };
  }
  const { seq, buttons, viewTick, viewAheadMs } = decodeInput(payload as Uint8Array);
  return { kind: 'input', seq, buttons, viewTick, viewAheadMs };
}

export class LabPort implements NetPort {
  readonly open = true;
  /** The lab clock (server time), set before each frame and each delivery. */
  nowMs = 0;
  bytesOut = 0;
  private readonly handlers: Handlers = {};

  constructor(private readonly uplink: SimulatedLink<UpMessage>) {}

  send<E extends NetSendEvent>(event: E, payload: NetSendPayload<E>): void {
    // The links are ordered and lossless, as TCP is, and run-lab sends a keyframe to whoever
    // does not hold the stream: a client never has to ask for one.
    if (event === 'state:resync') return;
    const message = upMessage(event, payload);
    const bytes = upMessageBytes(message);
    this.bytesOut += bytes;
    this.uplink.send(this.nowMs, message, bytes);
  }

  on<E extends NetReceiveEvent>(
    event: E,
    handler: (payload: ServerPayload<E>) => void,
  ): () => void {
    (this.handlers as Record<E, typeof handler>)[event] = handler;
    return () => delete this.handlers[event];
  }

  deliver(message: DownMessage): void {
    if (message.kind === 'snapshot') this.handlers['state:snapshot']?.(message.frame);
    else
      this.handlers['time:pong']?.({
        clientTimeMs: message.clientTimeMs,
        serverTimeMs: message.serverTimeMs,
      });
  }
}
