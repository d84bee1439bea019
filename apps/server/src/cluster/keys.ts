/**
 * Every Redis key and channel a cluster uses, in one place, under REDIS_KEY_PREFIX. A room's
 * keys share a hash tag (`{CODE}`), so a room's lease, epoch and checkpoint stay together.
 */
export class ClusterKeys {
  constructor(readonly prefix: string) {}

  /** `"<process> <epoch>"` of the process running the room, with an expiry (the lease). */
  lease(code: string): string {
    return `${this.prefix}:room:{${code}}:lease`;
  }

  /** Counts the room's owners: each new lease takes the next epoch (its fencing token). */
  epoch(code: string): string {
    return `${this.prefix}:room:{${code}}:epoch`;
  }

  /** Hash `{epoch, data}`: the last checkpoint and the epoch of the owner that wrote it. */
  checkpoint(code: string): string {
    return `${this.prefix}:room:{${code}}:checkpoint`;
  }

  /** Sorted set: room code → when its lease runs out (ms, Redis' clock); who may take over. */
  get deadlines(): string {
    return `${this.prefix}:lease-deadlines`;
  }

  /** Hash: room code → its lobby entry (public rooms of the whole cluster). */
  get lobby(): string {
    return `${this.prefix}:lobby`;
  }

  /** Pub/sub channel of one process: members' events and requests for the rooms it runs. */
  inbox(processId: string): string {
    return `${this.prefix}:process:${processId}`;
  }

  /** Pub/sub channel of one room's snapshots, for processes with members in it. */
  snapshots(code: string): string {
    return `${this.prefix}:snapshots:${code}`;
  }

  /** Pub/sub channel every process hears: rooms restored or released, lobby changes. */
  get news(): string {
    return `${this.prefix}:news`;
  }

  /** socket.io's Redis Streams adapter: its stream, channels and recovery sessions. */
  get adapterStream(): string {
    return `${this.prefix}:socket.io`;
  }
}
