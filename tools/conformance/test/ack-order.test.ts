/** How acks may move (§6), judged on logs built by hand. */
import { describe, expect, it } from 'vitest';
import type { Received } from '../src/client.js';
import { RuleFailed } from '../src/rule.js';
import { checkAcksInOrder, type SentInput } from '../src/rules/ack-order.js';
import type { WireSnapshot } from '../src/snapshot-layout.js';

const SELF = 1;

/** A log of one snapshot per ack, and the inputs sent: `sentUpTo[i]` had gone before snapshot i. */
function run(acks: number[], sentUpTo: number[]) {
  const log: Received[] = acks.map((seq, tick) => ({
    event: 'state:snapshot',
    payload: { kind: 'delta', tick, acks: [{ playerId: SELF, seq }] } as unknown as WireSnapshot,
  }));
  const sent: SentInput[] = [];
  sentUpTo.forEach((upTo, at) => {
    for (let seq = (sent.at(-1)?.seq ?? 0) + 1; seq <= upTo; seq++) sent.push({ seq, mark: at });
  });
  return () => checkAcksInOrder(log, SELF, sent, 0, log.at(-1)!.payload as WireSnapshot);
}

describe('checkAcksInOrder', () => {
  it('passes acks that only move forward', () => {
    expect(run([0, 1, 2, 2, 5], [2, 3, 4, 5, 6])).not.toThrow();
  });

  it('passes the re-anchor §6 allows: back to a late input after slots were guessed ahead', () => {
    // The client stalled after input 10 while the server guessed slots up to 22; inputs 11–14
    // then came late and the slots were re-anchored on 14.
    expect(run([8, 10, 22, 14, 15], [10, 10, 10, 14, 15])).not.toThrow();
  });

  it('fails an ack that goes back while every slot it spent had its input', () => {
    expect(run([5, 8, 6], [9, 10, 11])).toThrow(RuleFailed);
  });

  it('fails a re-anchor onto an input the client never sent', () => {
    expect(run([8, 22, 20], [10, 10, 12])).toThrow(/acks went back: 22 then 20/);
  });
});
