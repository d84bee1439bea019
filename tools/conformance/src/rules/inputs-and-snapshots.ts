import type { ConformanceClient, Payload } from '../client.js';
import { Button } from '../protocol-facts.js';
import { check, type Rule, type RuleContext } from '../rule.js';
import { LayoutError } from '../snapshot-layout.js';
import { checkAcksInOrder, type SentInput } from './ack-order.js';

const INPUTS = 30;

/** An input's payload for `seq`: JSON (§4), or the bytes of a binary one. */
export type InputOf = (seq: number) => Payload | Uint8Array;

/**
 * Sends seqs from…from+count-1, one per tick, holding `buttons` (or as `payloadOf` says), and
 * returns when each went.
 */
export async function sendInputs(
  client: ConformanceClient,
  tickRateHz: number,
  from: number,
  count: number,
  buttons: number,
  payloadOf: InputOf = (seq) => ({ seq, buttons }),
): Promise<SentInput[]> {
  const sent: SentInput[] = [];
  for (let seq = from; seq < from + count; seq++) {
    client.emit('player:input', payloadOf(seq));
    sent.push({ seq, mark: client.mark() });
    await new Promise((resolve) => setTimeout(resolve, 1000 / tickRateHz));
  }
  return sent;
}

/** Seats a player in a room of its own and reads its first snapshot, where it starts. */
export async function seatedMover(ctx: RuleContext, name: string) {
  const { client, joined } = await ctx.seat('room:create', { name, isPublic: false });
  const tickRateHz = (joined.sim as { tickRateHz: number }).tickRateHz;
  const self = joined.selfId;
  const since = client.mark();
  const first = await client.nextSnapshot(() => true, since);
  const start = first.players.find((p) => p.id === self);
  check(start, 'the first snapshot has no row for selfId');
  return { client, tickRateHz, self, since, first, start };
}

export const inputsAndSnapshots: Rule = {
  id: 'inputs-and-snapshots',
  section: '§6, §7',
  says: 'snapshots follow the documented layout, a keyframe then deltas; JSON inputs are acked in order and move the player',
  async run(ctx) {
    const { client, tickRateHz, self, since, first, start } = await seatedMover(ctx, 'Mover');
    check(
      first.round >= 1 && (first.phase === 0 || first.phase === 1),
      'round or phase out of range',
    );

    const sent = await sendInputs(client, tickRateHz, 1, INPUTS, Button.Right);
    const last = await client.nextSnapshot(
      (s) => (s.acks.find((a) => a.playerId === self)?.seq ?? -1) >= INPUTS,
      since,
    );
    checkAcksInOrder(client.log, self, sent, since, last);
    const moved = last.players.find((p) => p.id === self)!;
    check(
      moved.x > start.x,
      `holding Right did not move the player right (${start.x} → ${moved.x})`,
    );

    // Every frame read by the page's layout: the stream's first a keyframe, then deltas (a
    // delta on a base the reader did not hold would have been refused here).
    const stream = client.log.filter((entry) => entry.event === 'state:snapshot');
    for (const { payload } of stream)
      check(
        !(payload instanceof LayoutError),
        `a snapshot the page cannot read: ${String(payload)}`,
      );
    const kinds = stream.map(({ payload }) => (payload as { kind: string }).kind);
    check(kinds[0] === 'keyframe', `the stream starts with a ${kinds[0]}`);
    check(kinds.includes('delta'), 'no delta after the keyframe');
    const ids = last.players.map((p) => p.id);
    check(
      ids.every((id, i) => i === 0 || id > ids[i - 1]!),
      'players are not sorted by id',
    );
    check(last.tick > first.tick, 'tick did not advance');
    check(last.serverTimeMs > first.serverTimeMs, 'serverTimeMs did not advance');
  },
};
