/**
 * The member's side of forwarding: reaching the process that runs a room, wherever it is.
 * `ask` waits for an answer and rides out an owner that has just died or let the room go: it
 * looks for the room again until the room runs somewhere (taken over, by this process if need
 * be) or the wait has lasted a lease and a bit. `tell` is for what needs no answer (inputs,
 * chat, a dropped connection): sent at once to the owner last known, or after one look-up.
 */
import type { ClusterMetrics } from './cluster-metrics.js';
import type { InboxMessage, Reply, RequestBody } from './messages.js';
import type { Messenger } from './messenger.js';
import { MOVED } from './owner-desk.js';
import type { Owners } from './owners.js';

/** A reply, or: the room runs here now, no room has that code, or nobody could be reached. */
export type OwnerAnswer = Reply | 'here' | 'none' | 'unavailable';

const REQUEST_TIMEOUT_MS = 2000;
const RETRY_MS = 150;
/** Besides the lease: time for a takeover to restore the room. */
const EXTRA_WAIT_MS = 3000;

export class OwnerCalls {
  constructor(
    private readonly owners: Owners,
    private readonly messenger: Messenger,
    private readonly metrics: ClusterMetrics,
    private readonly leaseMs: number,
  ) {}

  async ask(code: string, body: RequestBody): Promise<OwnerAnswer> {
    const deadline = Date.now() + this.leaseMs + EXTRA_WAIT_MS;
    for (;;) {
      const where = await this.owners.locate(code);
      if (where === 'here' || where === 'none') return where;
      if (where !== 'unavailable') {
        this.metrics.countForwarded(body.kind === 'event' ? body.event : body.kind);
        const answer = await this.messenger.ask(where.owner, body, REQUEST_TIMEOUT_MS);
        if (typeof answer === 'object' && answer.error !== MOVED) return answer;
        this.owners.forget(code);
      }
      if (Date.now() > deadline) return 'unavailable';
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  /** Whether the room's owner is known without asking Redis. */
  knows(code: string): boolean {
    return this.owners.cached(code) !== undefined;
  }

  /** Sends without waiting; resolves false if it reached no owner (it is then dropped). */
  async tell(code: string, message: InboxMessage): Promise<boolean> {
    this.metrics.countForwarded(message.kind === 'event' ? message.event : message.kind);
    const known = this.owners.cached(code);
    if (known) {
      if (await this.messenger.send(known, message)) return true;
      this.owners.forget(code);
      return false;
    }
    const where = await this.owners.locate(code);
    return typeof where === 'object' && this.messenger.send(where.owner, message);
  }
}
