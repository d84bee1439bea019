/**
 * How acks may move (§6): forward, or back only where the server re-anchored a client that fell
 * behind its slots.
 */
import type { Received } from '../client.js';
import { check } from '../rule.js';
import { LayoutError, type WireSnapshot } from '../snapshot-layout.js';

/** An input sent: its `seq`, and where the client's log stood when it went. */
export interface SentInput {
  seq: number;
  mark: number;
}

/**
 * Checks that `self`'s ack never goes back from `log` entry `since` to the snapshot `until`, except as §6
 * allows: after the server spent slots on guesses past every input the client had sent (the
 * client fell behind, say because its timers stalled on a busy machine), it re-anchors on an
 * input that came late, and the ack goes back to that input's `seq`.
 */
export function checkAcksInOrder(
  log: readonly Received[],
  self: number,
  sent: SentInput[],
  since: number,
  until: WireSnapshot,
): void {
  let previous: { ack: number; sentBefore: number } | undefined;
  for (let at = since; at < log.length; at++) {
    const { event, payload } = log[at]!;
    if (event !== 'state:snapshot' || payload instanceof LayoutError) continue;
    const snapshot = payload as WireSnapshot;
    const ack = snapshot.acks.find((a) => a.playerId === self)?.seq ?? -1;
    const sentBefore = sent.filter((input) => input.mark <= at).at(-1)?.seq ?? 0;
    if (previous && ack < previous.ack) {
      const reanchored = previous.ack > previous.sentBefore && ack <= sentBefore;
      check(reanchored, `acks went back: ${previous.ack} then ${ack}, with no slot guessed ahead`);
    }
    previous = { ack, sentBefore };
    if (snapshot === until) return;
  }
}
