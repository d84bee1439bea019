/**
 * Binary `player:input`s and clock pings read where engine.io's WebSocket transport hands each
 * message over, and given to the room (or the ping's handler) from there, by the shortest way
 * that keeps every guarantee of the general one.
 *
 * Through socket.io, each input (30 a second per player, most of what a server reads) goes
 * from the transport through engine.io's connection (two events), socket.io's decoder (a
 * packet object, an event), a `process.nextTick`, the socket's event dispatch (its `onAny`
 * listeners, its middleware run, a second `nextTick`), and only then to the gateway: over
 * half of the receive path's cost, for five or eleven bytes whose meaning the first byte
 * already says. So, on a connection whose WebSocket transport hands over a binary message
 * that is a `player:input` (wire-parser.ts: event byte 2), when nothing in engine.io or
 * socket.io would do anything with it but pass it on, it is taken here instead:
 * - the connection's packet budget (packet-budget.ts) charges it first, as engine.io's `packet`
 *   event would, and may pause or cut the connection off. The meter is called itself, not
 *   through the event: the event's other listener acts only on packets that are not messages;
 * - then the receiver is given the payload: the gateway charges the socket's input rate limit,
 *   decodes, and queues it, with the same guard and answers as the general path's.
 *
 * A `time:ping` (text, one a second per client once clock sync has its first samples) is taken
 * the same way when its text is what socket.io's decoder would make an event for the main
 * namespace with no acknowledgement asked: its arguments go to the gateway's `onAny` listener
 * itself (the same guard: rate limit, schema; the same handler), and a text that does not
 * parse goes socket.io's way, to be refused there as before. Through socket.io a ping cost a
 * decode, two `nextTick`s and the dispatch: about a fifth of the receive path's CPU in the
 * bench, for one message in 31.
 *
 * It keeps its place in the connection's order. socket.io handles a message on `nextTick`s,
 * which run once the TCP read it came in (or its turn of the event loop, for a large read:
 * paced-reads.ts) has been handled; a message taken here is handled at once. So once a
 * message of this connection has gone socket.io's way, the inputs and pings after it in the
 * same read go that way too, behind it, until its `nextTick`s have run: a `room:join` or
 * `room:leave` sent before an input is handled before it, and one sent after it, after it.
 *
 * Everything else keeps the general path: other text messages, long-polling (a connection that
 * upgrades to WebSocket is read here from then on), a socket that left socket.io's namespace,
 * a member in no room (so one that has not joined yet), a message while engine.io waits for a
 * heartbeat's pong (engine.io then extends the heartbeat's deadline on the next packet: that
 * packet goes its way), and binary messages while socket.io's decoder waits for the
 * attachments of a stock client's binary packet (they are those attachments). Which sockets
 * are read here at all is the gateway's choice: never with a simulated link, a cluster, or on
 * a snapshot mirror.
 *
 * What is not emitted: engine.io's `packet`, `data` and `message` events and socket.io's own
 * events for these messages. Nothing in the server listens to them but the packet budget,
 * charged here itself (the gateway's `onAny` is the one door, and it is this door's other side).
 */
import { binaryEventNumber, wireParser } from '@arena/shared/protocol';
import { packetMeterOf } from './packet-budget.js';
import type { ArenaSocket } from './types.js';

/** Each connection read here: how to send all of its inputs and pings through socket.io. */
const sendThroughSocketIo = new WeakMap<object, (always: boolean) => void>();

/**
 * Sends every input and ping of `connection` through socket.io (`false`: reads them here again, where
 * it may): `npm run bench:receive` measures both ways on one server, one connection at a time.
 */
export function readInputsThroughSocketIo(connection: object, always = true): void {
  sendThroughSocketIo.get(connection)?.(always);
}

/** The first byte of a binary `player:input` message. */
const INPUT_EVENT_BYTE = binaryEventNumber('player:input');
const WEBSOCKET = 'websocket';

/** What engine.io's transport makes of a message (engine.io-parser's `Packet`). */
interface EnginePacket {
  type: string;
  data?: unknown;
}

/** engine.io's transport: `onData` decodes each message and hands it to `this.onPacket`. */
interface InboundTransport {
  name: string;
  onPacket(packet: EnginePacket): void;
}

/** The part of engine.io's connection read here; the heartbeat fields are private to it. */
interface InboundConnection {
  readyState: string;
  protocol: number;
  transport: InboundTransport;
  /** Set while engine.io waits for the pong of its last ping. */
  pingTimeoutTimer?: unknown;
  /** Whether a packet already extended that wait. */
  hasRefreshedPingTimeout?: boolean;
  emit(event: 'packet', packet: EnginePacket): boolean;
  on(event: 'upgrade', listener: (transport: InboundTransport) => void): unknown;
}

/** socket.io's decoder of this socket's connection, as wire-parser.ts builds it. */
function decoderOf(socket: ArenaSocket): unknown {
  return (socket.client as unknown as { decoder?: unknown }).decoder;
}

/** True when engine.io would do nothing with a message but emit `packet` and pass it on. */
function engineIdle(conn: InboundConnection, transport: InboundTransport): boolean {
  return (
    conn.transport === transport &&
    conn.readyState === 'open' &&
    conn.protocol === 4 &&
    (conn.pingTimeoutTimer === null || conn.hasRefreshedPingTimeout === true)
  );
}

/**
 * True when socket.io would decode the message as a binary event and hand it to `socket`.
 * socket.io's client makes its decoder once, in its constructor, so whether it is Arena's is
 * asked once; a socket whose decoder is not is never read here.
 */
function socketIoIdle(socket: ArenaSocket): () => boolean {
  const decoder = decoderOf(socket);
  if (!(decoder instanceof wireParser.Decoder)) return () => false;
  return () => socket.connected && !decoder.awaitingAttachment();
}

function isBinaryInput(packet: EnginePacket): packet is { type: string; data: Uint8Array } {
  const data = packet.data;
  return packet.type === 'message' && data instanceof Uint8Array && data[0] === INPUT_EVENT_BYTE;
}

/** socket.io's text for a `time:ping` to the main namespace, with no acknowledgement asked. */
const PING_PREFIX = '2["time:ping",';

/**
 * A `time:ping`'s arguments, as socket.io's decoder would make them (the JSON after the packet
 * type); undefined for anything else, or what the decoder would refuse: socket.io then does.
 */
function pingArguments(packet: EnginePacket): unknown[] | undefined {
  const data = packet.data;
  if (packet.type !== 'message' || typeof data !== 'string' || !data.startsWith(PING_PREFIX))
    return undefined;
  try {
    const args: unknown = JSON.parse(data.slice(1));
    return Array.isArray(args) ? args : undefined;
  } catch {
    return undefined;
  }
}

/** Where what is read here goes. */
export interface DirectReceiver {
  /** Whether the socket's inputs may go from here to a room: it is a member of one. */
  isMember(): boolean;
  /** A binary `player:input`'s payload. */
  input(payload: Uint8Array): void;
  /** An event's arguments as socket.io's `onAny` listeners get them (for now `time:ping`). */
  event(args: unknown[]): void;
}

/**
 * Hands `receiver` each binary `player:input` (while it says the socket is a member) and each
 * `time:ping` this socket's WebSocket transport receives when nothing else would act on it;
 * everything else goes on through engine.io and socket.io as before.
 */
export function readDirectly(socket: ArenaSocket, receiver: DirectReceiver): void {
  const conn = socket.conn as unknown as InboundConnection;
  // Set from a message that went socket.io's way until its nextTicks have run: the messages
  // that follow it in the same read go that way too, behind it.
  let generalThisTurn = false;
  const turnOver = (): void => {
    generalThisTurn = false;
  };
  let alwaysThroughSocketIo = false;
  sendThroughSocketIo.set(conn, (always) => (alwaysThroughSocketIo = always));
  const socketIoWouldPassOn = socketIoIdle(socket);
  const readFrom = (transport: InboundTransport): void => {
    if (transport.name !== WEBSOCKET) return;
    const passOn = transport.onPacket.bind(transport);
    const general = (packet: EnginePacket): void => {
      if (!generalThisTurn) {
        generalThisTurn = true;
        process.nextTick(turnOver);
      }
      passOn(packet);
    };
    transport.onPacket = (packet) => {
      if (
        generalThisTurn ||
        alwaysThroughSocketIo ||
        !engineIdle(conn, transport) ||
        !socketIoWouldPassOn()
      )
        return general(packet);
      if (isBinaryInput(packet) && receiver.isMember()) {
        if (charged(packet)) receiver.input(packet.data.subarray(1));
        return;
      }
      const ping = pingArguments(packet);
      if (!ping) return general(packet);
      if (charged(packet)) receiver.event(ping);
    };
  };
  const meter = packetMeterOf(conn);
  /**
   * Charges the packet budget (through engine.io's event on a connection with no meter);
   * false if that cut the socket off.
   */
  const charged = (packet: EnginePacket): boolean => {
    if (meter) meter.charge();
    else conn.emit('packet', packet);
    return !socket.disconnected;
  };
  readFrom(conn.transport);
  conn.on('upgrade', readFrom);
}
