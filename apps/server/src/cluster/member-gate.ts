/**
 * Keeps each member's events in the order they came while some of them wait on Redis or on
 * another process (a join forwarded to the room's owner, a seat taken back by token): while a
 * member has work in flight, its later events queue behind it, then run in order. A queue is
 * bounded; what overflows is dropped (a client that sends that much while it waits is flooding).
 */
import type { MemberId } from '../rooms/room-channel.js';

/** Events held per member at most while it waits (a second of inputs and a few more). */
const MAX_HELD_EVENTS = 64;

/** Work for one member: done when it returns, or when its promise settles. */
export type MemberTask = () => void | Promise<void>;

export class MemberGates {
  private readonly held = new Map<MemberId, MemberTask[]>();

  constructor(
    private readonly onDropped: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Runs `task` now, or after the member's work in flight, in arrival order. */
  run(member: MemberId, task: MemberTask): void {
    const queue = this.held.get(member);
    if (queue) {
      if (queue.length < MAX_HELD_EVENTS) queue.push(task);
      else this.onDropped();
      return;
    }
    this.start(member, task);
  }

  /** Whether the member has work in flight. */
  busy(member: MemberId): boolean {
    return this.held.has(member);
  }

  /** The member is gone: what it still had queued is dropped. */
  forget(member: MemberId): void {
    this.held.get(member)?.splice(0);
  }

  private start(member: MemberId, task: MemberTask): void {
    let result: void | Promise<void>;
    try {
      result = task();
    } catch (error) {
      this.onError(error);
      result = undefined;
    }
    if (!(result instanceof Promise)) return this.next(member);
    if (!this.held.has(member)) this.held.set(member, []);
    void result.catch(this.onError).then(() => this.next(member));
  }

  private next(member: MemberId): void {
    const queue = this.held.get(member);
    const task = queue?.shift();
    if (!task) {
      this.held.delete(member);
      return;
    }
    this.start(member, task);
  }
}
