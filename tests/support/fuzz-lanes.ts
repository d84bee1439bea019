/**
 * Drives the fuzzer: malformed events through socket.io-client in batches, and malformed raw
 * frames through plain WebSockets, one connection after another. Each batch ends with a
 * barrier (an unknown event, always answered, never rate-limited), so the server's error
 * counter can be compared with what was sent batch by batch. Sockets that run out of patience
 * are disconnected by the server; the lane reconnects (taking its seat back) and goes on.
 */
import { connected, connectPlayer, waitFor, type PlayerSocket } from './player.js';
import type { FuzzRandom } from './fuzz-random.js';
import { malformedEvent, type EventPacket } from './fuzz-payloads.js';
import { malformedFrame } from './fuzz-frames.js';
import { RawSocket, type FrameOutcome } from './raw-socket.js';
import type { TestServer } from './server.js';

const BARRIER = 'fuzz:barrier';
/** Disconnect reasons that mean the server hung up on purpose (patience, size, parse error). */
const SERVER_HANG_UPS = new Set(['io server disconnect', 'transport close']);

export interface EventLaneReport {
  sent: number;
  sessions: number;
  /** Errors the fuzzer's sockets received, barriers excluded. */
  errorsReceived: number;
  /** Packets handled and counted by the server (its error counter), barriers excluded. */
  counted: number;
  /** Packets still in flight when the server hung up on that socket. */
  lostAtDisconnect: number;
  disconnects: Record<string, number>;
  /** Batches whose count did not add up, with what was wrong: must stay empty. */
  problems: string[];
  kinds: Record<string, number>;
}

export interface RawLaneReport {
  sent: number;
  outcomes: Record<FrameOutcome, number>;
  /** Frames that were neither answered nor hung up on, or a handshake that was accepted. */
  problems: string[];
  kinds: Record<string, number>;
}

function errorsCounted(server: TestServer): number {
  let total = 0;
  for (const n of server.services.metrics.errorsSent.values()) total += n;
  return total;
}

type LooseEmit = (event: string, ...args: unknown[]) => void;

/**
 * Sends one batch and its barrier. Resolves with `answered` once the barrier is answered, or
 * with the disconnect reason if the socket is gone first.
 */
function sendBatch(socket: PlayerSocket, packets: EventPacket[]): Promise<string> {
  return new Promise((resolve) => {
    const onError = (e: { message: string }) => {
      if (!e.message.includes(BARRIER)) return;
      cleanup();
      resolve('answered');
    };
    const onDisconnect = (reason: string) => {
      cleanup();
      resolve(reason);
    };
    const cleanup = () => {
      socket.off('error', onError);
      socket.off('disconnect', onDisconnect);
    };
    socket.on('error', onError);
    socket.on('disconnect', onDisconnect);
    const emit = socket.emit.bind(socket) as LooseEmit;
    for (const packet of packets) emit(packet.event, ...packet.args);
    emit(BARRIER, {});
  });
}

/**
 * Up to `max` packets. A packet that socket.io refuses by closing the connection goes alone:
 * socket.io drops whatever it had already decoded from that connection when it closes it, so
 * any packet batched before it would be lost unanswered, not refused.
 */
class Batcher {
  private held: EventPacket | null = null;

  constructor(
    private readonly rng: FuzzRandom,
    private readonly maxPayloadBytes: number,
  ) {}

  next(max: number): EventPacket[] {
    const batch: EventPacket[] = [];
    while (batch.length < max) {
      const packet = this.held ?? malformedEvent(this.rng, this.maxPayloadBytes);
      this.held = null;
      if (packet.endsConnection && batch.length > 0) {
        this.held = packet;
        break;
      }
      batch.push(packet);
      if (packet.endsConnection) break;
    }
    return batch;
  }
}

export interface EventLaneOptions {
  count: number;
  batchSize: number;
  maxPayloadBytes: number;
  /** A seat to take back on every other connection, so the fuzzer also sits in a room. */
  sessionToken?: string;
}

async function openSession(server: TestServer, token: string | undefined): Promise<PlayerSocket> {
  const socket = connectPlayer(server.url, {
    stockEncoder: true,
    ...(token ? { sessionToken: token } : {}),
  });
  const resumed = token ? waitFor(socket, 'room:joined', (j) => j.resumed) : Promise.resolve();
  await connected(socket);
  await resumed;
  return socket;
}

export async function runEventLane(
  server: TestServer,
  rng: FuzzRandom,
  options: EventLaneOptions,
): Promise<EventLaneReport> {
  const report: EventLaneReport = {
    sent: 0,
    sessions: 0,
    errorsReceived: 0,
    counted: 0,
    lostAtDisconnect: 0,
    disconnects: {},
    problems: [],
    kinds: {},
  };
  const batcher = new Batcher(rng, options.maxPayloadBytes);
  while (report.sent < options.count) {
    const token = report.sessions % 2 === 0 ? options.sessionToken : undefined;
    const socket = await openSession(server, token);
    report.sessions += 1;
    socket.on('error', (e) => {
      if (!e.message.includes(BARRIER)) report.errorsReceived += 1;
    });
    while (socket.connected && report.sent < options.count) {
      const batch = batcher.next(Math.min(options.batchSize, options.count - report.sent));
      const size = batch.length;
      for (const p of batch) report.kinds[p.kind] = (report.kinds[p.kind] ?? 0) + 1;
      const before = errorsCounted(server);
      const outcome = await sendBatch(socket, batch);
      const delta = errorsCounted(server) - before;
      report.sent += size;
      if (outcome === 'answered') {
        report.counted += delta - 1;
        if (delta !== size + 1)
          report.problems.push(
            `batch of ${size}: ${delta - 1} counted (${batch.map((p) => p.kind).join(', ')})`,
          );
        continue;
      }
      report.disconnects[outcome] = (report.disconnects[outcome] ?? 0) + 1;
      // The packet that ended the session was refused by the hang-up itself (too big, not
      // parseable), or was counted as the one that used up the socket's patience; whatever
      // followed it on that connection was never handled, by design.
      const handled = Math.min(delta, size);
      report.counted += handled;
      report.lostAtDisconnect += size - handled;
      const refusedWhole = batch.length === 1 && batch[0]!.endsConnection === true && delta === 0;
      if (!SERVER_HANG_UPS.has(outcome))
        report.problems.push(`session ended by "${outcome}", not by the server`);
      else if (outcome === 'transport close' && !refusedWhole)
        report.problems.push(
          `transport closed after ${batch.map((p) => p.kind).join(', ')} (${delta} counted)`,
        );
      else if (outcome === 'io server disconnect' && delta === 0)
        report.problems.push(`disconnected without a counted reason`);
      if (delta > size + 1)
        report.problems.push(`batch of ${size}: ${delta} errors counted, more than were sent`);
    }
    socket.disconnect();
  }
  return report;
}

/** Raw frames, one connection each (most of them end it). */
export async function runRawLane(
  server: TestServer,
  rng: FuzzRandom,
  count: number,
): Promise<RawLaneReport> {
  const report: RawLaneReport = {
    sent: 0,
    outcomes: { answered: 0, disconnected: 0, silent: 0, accepted: 0 },
    problems: [],
    kinds: {},
  };
  let socket: RawSocket | null = null;
  while (report.sent < count) {
    const frame = malformedFrame(rng);
    report.kinds[frame.kind] = (report.kinds[frame.kind] ?? 0) + 1;
    if (frame.stage === 'handshake' || !socket || socket.isClosed) {
      await socket?.close();
      socket = await RawSocket.open(server.port);
      if (frame.stage === 'connected') await socket.connect();
    }
    const frames = frame.attachment ? [frame.data, frame.attachment] : [frame.data];
    const outcome =
      frame.stage === 'handshake'
        ? await socket.sendHandshake(frame.data)
        : await socket.sendFrame(...frames);
    report.sent += 1;
    report.outcomes[outcome] += 1;
    if (outcome === 'silent' || outcome === 'accepted') {
      report.problems.push(
        `${frame.kind} ${JSON.stringify(String(frame.data).slice(0, 80))}: ${outcome}`,
      );
    }
    // A handshake frame leaves the connection in no reusable state; start afresh next time.
    if (frame.stage === 'handshake') await socket.close();
  }
  await socket?.close();
  return report;
}
