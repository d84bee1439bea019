/**
 * A census of everything the server holds that churn could leak: rooms, seats, spectators,
 * socket.io sockets, adapter rooms and sids, engine.io clients, event listeners, the
 * process's active handles (timers, sockets) and the heap after a full garbage collection.
 * Taken before and after the soak; `findLeaks` compares the two.
 */
import type { BuiltApp } from '@arena/server';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Census {
  rooms: number;
  seats: number;
  spectators: number;
  sockets: number;
  adapterRooms: number;
  adapterSids: number;
  engineClients: number;
  connectionsGauge: number;
  /** Listener counts on the long-lived emitters, by emitter and event. */
  listeners: Record<string, number>;
  /** `process.getActiveResourcesInfo()` counted by type (this thread only). */
  resources: Record<string, number>;
  heapUsedBytes: number;
}

/** `global.gc` when run with --expose-gc; otherwise switched on at run time. */
export function obtainGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Collects garbage until the heap stops shrinking (weak references need several rounds). */
export async function settledHeap(gc: () => void): Promise<number> {
  let previous = Infinity;
  for (let round = 0; round < 6; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    const used = process.memoryUsage().heapUsed;
    if (used >= previous * 0.99) return used;
    previous = used;
  }
  return process.memoryUsage().heapUsed;
}

function listenerCounts({ app, services }: BuiltApp): Record<string, number> {
  const emitters: Record<string, NodeJS.EventEmitter> = {
    io: services.io,
    namespace: services.io.of('/'),
    adapter: services.io.of('/').adapter,
    engine: services.io.engine,
    httpServer: app.server,
  };
  const counts: Record<string, number> = {};
  for (const [name, emitter] of Object.entries(emitters)) {
    for (const event of emitter.eventNames()) {
      counts[`${name}:${String(event)}`] = emitter.listenerCount(event);
    }
  }
  return counts;
}

function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

export async function takeCensus(built: BuiltApp, gc: () => void): Promise<Census> {
  const { services } = built;
  let seats = 0;
  let spectators = 0;
  for (const room of services.rooms.all()) {
    seats += room.seats.size;
    spectators += room.spectators.size;
  }
  const adapter = services.io.of('/').adapter;
  return {
    rooms: services.rooms.size,
    seats,
    spectators,
    sockets: services.io.of('/').sockets.size,
    adapterRooms: adapter.rooms.size,
    adapterSids: adapter.sids.size,
    engineClients: services.io.engine.clientsCount,
    connectionsGauge: services.sockets.total,
    listeners: listenerCounts(built),
    resources: resourceCounts(),
    heapUsedBytes: await settledHeap(gc),
  };
}

/** How much the heap may grow over the soak before it counts as a leak. */
export function heapAllowance(baselineBytes: number): number {
  return Math.max(8 * 1024 * 1024, baselineBytes * 0.15);
}

/** What the final census holds that the baseline did not: each entry names one leak. */
export function findLeaks(before: Census, after: Census): string[] {
  const leaks: string[] = [];
  const mustBeEmpty = [
    'rooms',
    'seats',
    'spectators',
    'sockets',
    'adapterRooms',
    'adapterSids',
    'engineClients',
    'connectionsGauge',
  ] as const;
  for (const key of mustBeEmpty) {
    if (after[key] !== 0) leaks.push(`${key}: ${after[key]} left (expected 0)`);
  }
  for (const [name, n] of Object.entries(after.listeners)) {
    if (n > (before.listeners[name] ?? 0))
      leaks.push(`listeners ${name}: ${before.listeners[name] ?? 0} → ${n}`);
  }
  for (const [type, n] of Object.entries(after.resources)) {
    if (n > (before.resources[type] ?? 0))
      leaks.push(`active ${type}: ${before.resources[type] ?? 0} → ${n}`);
  }
  const grown = after.heapUsedBytes - before.heapUsedBytes;
  if (grown > heapAllowance(before.heapUsedBytes)) {
    leaks.push(
      `heap grew by ${(grown / 1048576).toFixed(1)} MB (allowed ${(heapAllowance(before.heapUsedBytes) / 1048576).toFixed(1)} MB)`,
    );
  }
  return leaks;
}
