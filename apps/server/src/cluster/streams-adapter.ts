/**
 * socket.io's Redis Streams adapter, as a cluster uses it: broadcasts to a room and emits to a
 * socket reach sockets on every process, and connection-state recovery works across processes
 * (a client that comes back to another process gets what it missed, from the stream). It gets
 * a Redis connection of its own, and the connections it opens for itself are closed with it.
 *
 * Snapshots never enter its stream (cluster/snapshot-relay.ts carries them); should one be
 * broadcast through socket.io anyway, it is delivered on this process only, never stored.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { BroadcastOptions } from 'socket.io-adapter';
import type { ClusterKeys } from './keys.js';
import type { RedisClient, RedisLink } from './redis-link.js';

/** What a recovering client may have missed, at most: chat, joins, notices; never snapshots. */
const STREAM_MAX_ENTRIES = 10_000;
/** How long the stream reader blocks per read; also how long closing may wait for it. */
const READ_BLOCK_MS = 2000;

type AdapterFactory = ReturnType<typeof createAdapter>;
type Broadcast = (packet: { data?: unknown[] }, opts: BroadcastOptions) => Promise<void>;

export interface StreamsAdapter {
  factory: AdapterFactory;
  close: () => Promise<void>;
}

const isSnapshot = (packet: { data?: unknown[] }): boolean => packet.data?.[0] === 'state:snapshot';

export function streamsAdapter(redis: RedisLink, keys: ClusterKeys): StreamsAdapter {
  const client = redis.newClient();
  const opened: RedisClient[] = [client];
  // The adapter duplicates the client for its stream reader and its subscriber: keep them, to
  // close them with it (it would leave the reader blocked on Redis for a while).
  Object.assign(client, {
    duplicate: () => {
      const copy = quietOnClose(redis.newClient());
      opened.push(copy);
      return copy;
    },
  });
  client.on('error', () => undefined);
  client.connect().catch(() => undefined);
  const make = createAdapter(client, {
    streamName: keys.adapterStream,
    channelPrefix: keys.adapterStream,
    sessionKeyPrefix: `${keys.adapterStream}:session:`,
    maxLen: STREAM_MAX_ENTRIES,
    blockTimeInMs: READ_BLOCK_MS,
    // Everything the game broadcasts through the adapter is JSON (snapshots go elsewhere).
    onlyPlaintext: true,
  });
  // socket.io calls it with `new`: a function, not an arrow, whose returned object wins.
  const factory: AdapterFactory = function (nsp) {
    const adapter = make(nsp);
    const broadcast: Broadcast = adapter.broadcast.bind(adapter);
    adapter.broadcast = (packet: { data?: unknown[] }, opts: BroadcastOptions) =>
      broadcast(
        packet,
        isSnapshot(packet) ? { ...opts, flags: { ...opts.flags, local: true } } : opts,
      );
    return adapter;
  };
  return {
    factory,
    close: async () => {
      // Its own client may still be saving a session for a socket that just dropped (the
      // adapter does not wait for that): let what it sent finish. Its copies only read.
      const [own, ...copies] = opened;
      for (const copy of copies) if (copy.isOpen) copy.destroy();
      if (own?.isOpen) await own.close().catch(() => own.destroy());
    },
  };
}

/**
 * The adapter connects and subscribes its own clients without handling a failure: closing the
 * server before Redis answered (or while it is unreachable) would reject those promises with
 * nobody listening, which stops Node. A connection closed before it opened now never settles
 * (it is dropped with its client), and a failed subscription is caught: the adapter's pub/sub
 * serves only `fetchSockets` and server-side emits, which Arena does not use; broadcasts,
 * joins and recovery go through its stream.
 */
function quietOnClose(client: RedisClient): RedisClient {
  const connect = client.connect.bind(client);
  const subscribe = client.subscribe.bind(client);
  return Object.assign(client, {
    connect: () => new Promise((resolve) => void connect().then(resolve, () => undefined)),
    subscribe: (...args: Parameters<RedisClient['subscribe']>) => {
      const subscribed = subscribe(...args);
      subscribed.catch(() => undefined);
      return subscribed;
    },
  });
}
