/**
 * A real socket.io-client player for integration tests, and `waitFor`, which waits for an
 * event (never for time) with a timeout that names what it was waiting for. Each player reads
 * its snapshot stream from the moment it connects (most frames are deltas against the one
 * before), so a test reads any frame it receives with `snapshotOf`.
 */
import {
  PROTOCOL_VERSION,
  SnapshotBaseMismatch,
  type SNAPSHOT_MIRROR_STREAM,
  SnapshotDecoder,
  type ClientToServerEvents,
  type ServerEventName,
  type ServerPayload,
  type ServerToClientEvents,
  type Snapshot,
  wireParser,
} from '@arena/shared/protocol';
import { io, type Socket } from 'socket.io-client';
import { Encoder } from 'socket.io-parser';

export type PlayerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  protocolVersion?: number;
  sessionToken?: string;
  /** `snapshots`: open the seat's snapshot mirror (with `sessionToken`). */
  stream?: typeof SNAPSHOT_MIRROR_STREAM;
  transports?: ('websocket' | 'polling')[];
  extraHeaders?: Record<string, string>;
  /** Handshake query, e.g. `{lag: '100'}` for the server's link simulator. */
  query?: Record<string, string>;
  /**
   * Send as a stock socket.io client does (a binary argument anywhere, as a text header and
   * attachments), while reading Arena's messages: the fuzzer's.
   */
  stockEncoder?: boolean;
}

const stockEncoderParser = { Encoder, Decoder: wireParser.Decoder };

/** Every snapshot frame a test player received, as its stream's decoder read it. */
const decodedFrames = new WeakMap<object, Snapshot>();

/** The snapshot a test player's frame carries (the player decoded it on arrival). */
export function snapshotOf(frame: unknown): Snapshot {
  const snapshot = typeof frame === 'object' && frame ? decodedFrames.get(frame) : undefined;
  if (!snapshot) throw new Error('not a snapshot frame this player could read');
  return snapshot;
}

/** Decodes each frame first (before any test's listener), asking for a keyframe if lost. */
export function readSnapshotStream(socket: PlayerSocket): PlayerSocket {
  const decoder = new SnapshotDecoder();
  socket.on('state:snapshot', (frame) => {
    try {
      decodedFrames.set(frame, decoder.decode(frame));
    } catch (error) {
      if (!(error instanceof SnapshotBaseMismatch)) throw error;
      socket.emit('state:resync', {});
    }
  });
  return socket;
}

export function connectPlayer(url: string, options: ConnectOptions = {}): PlayerSocket {
  const socket: PlayerSocket = io(url, {
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
    parser: options.stockEncoder ? stockEncoderParser : wireParser,
    auth: {
      protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION,
      ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
      ...(options.stream ? { stream: options.stream } : {}),
    },
    ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    ...(options.query ? { query: options.query } : {}),
  });
  return readSnapshotStream(socket);
}

export function waitFor<E extends ServerEventName>(
  socket: PlayerSocket,
  event: E,
  predicate: (payload: ServerPayload<E>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<ServerPayload<E>> {
  return new Promise((resolve, reject) => {
    const listener = (payload: ServerPayload<E>) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${event}`));
    }, timeoutMs);
    socket.on(event, listener as never);
  });
}

/** Waits for a snapshot that satisfies `predicate`, decoded. */
export async function waitForSnapshot(
  socket: PlayerSocket,
  predicate: (snapshot: Snapshot) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Snapshot> {
  let found: Snapshot | undefined;
  await waitFor(
    socket,
    'state:snapshot',
    (frame) => {
      // A frame that did not apply (a delta after a lost keyframe) is skipped.
      const snapshot = decodedFrames.get(frame);
      if (!snapshot || !predicate(snapshot)) return false;
      found = snapshot;
      return true;
    },
    timeoutMs,
  );
  return found!;
}

/** Waits until `count` more snapshots arrived: a tick-based wait, not a sleep. */
export function waitForTicks(
  socket: PlayerSocket,
  count: number,
  timeoutMs = 5000,
): Promise<Snapshot> {
  let seen = 0;
  return waitForSnapshot(socket, () => ++seen >= count, timeoutMs);
}

export function connected(socket: PlayerSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Connects, creates a room, and resolves with the join payload. */
export async function createRoom(url: string, name: string, extra: { isPublic?: boolean } = {}) {
  const socket = connectPlayer(url);
  const joined = waitFor(socket, 'room:joined');
  socket.emit('room:create', { name, ...extra });
  return { socket, joined: await joined };
}

export async function joinRoom(
  url: string,
  code: string,
  name: string,
  options: ConnectOptions = {},
) {
  const socket = connectPlayer(url, options);
  const joined = waitFor(socket, 'room:joined');
  socket.emit('room:join', { code, name });
  return { socket, joined: await joined };
}

type LooseEmit = (event: string, payload: unknown) => void;

/** Sends `player:input` with any payload, well-formed or not: bytes, JSON, garbage. */
export function sendInput(socket: PlayerSocket, payload: unknown): void {
  (socket.emit as LooseEmit)('player:input', payload);
}

/** The last input seq of player `id` that `snapshot` acknowledges (0: none yet). */
export function ackOf(snapshot: Snapshot, id: number): number {
  return snapshot.acks.find((a) => a.playerId === id)?.seq ?? 0;
}

/** Closes every socket given; for afterEach. */
export function closeAll(sockets: PlayerSocket[]): void {
  for (const socket of sockets.splice(0)) socket.disconnect();
}
