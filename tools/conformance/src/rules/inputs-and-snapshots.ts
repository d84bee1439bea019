import type { ConformanceClient } from '../client.js';
import { Button, Snapshot as Layout } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';
import { readSnapshot, type WireSnapshot } from '../snapshot-layout.js';

const INPUTS = 30;

function sizeOf(s: WireSnapshot): number {
  const { headerBytes, playerBytes, coinBytes, ackBytes } = Layout;
  return (
    headerBytes +
    3 +
    playerBytes * s.players.length +
    coinBytes * s.coins.length +
    ackBytes * s.acks.length
  );
}

/** Sends seqs 1…count, one per tick, holding `buttons`. */
export async function sendInputs(
  client: ConformanceClient,
  tickRateHz: number,
  from: number,
  count: number,
  buttons: number,
): Promise<void> {
  for (let seq = from; seq < from + count; seq++) {
    client.emit('player:input', { seq, buttons });
    await new Promise((resolve) => setTimeout(resolve, 1000 / tickRateHz));
  }
}

export const inputsAndSnapshots: Rule = {
  id: 'inputs-and-snapshots',
  section: '§6, §7',
  says: 'snapshots follow the documented byte layout; inputs are acked in order and move the player',
  async run(ctx) {
    const { client, joined } = await ctx.seat('room:create', { name: 'Mover', isPublic: false });
    const tickRateHz = (joined.sim as { tickRateHz: number }).tickRateHz;
    const self = joined.selfId;
    const since = client.mark();
    const first = await client.nextSnapshot(() => true, since);
    const start = first.players.find((p) => p.id === self);
    check(start, 'the first snapshot has no row for selfId');
    check(
      first.round >= 1 && (first.phase === 0 || first.phase === 1),
      'round or phase out of range',
    );

    await sendInputs(client, tickRateHz, 1, INPUTS, Button.Right);
    const acks: number[] = [];
    const last = await client.nextSnapshot((s) => {
      const ack = s.acks.find((a) => a.playerId === self)?.seq ?? -1;
      acks.push(ack);
      return ack >= INPUTS;
    }, since);
    for (let i = 1; i < acks.length; i++)
      check(acks[i]! >= acks[i - 1]!, `acks went back: ${acks[i - 1]} then ${acks[i]}`);
    const moved = last.players.find((p) => p.id === self)!;
    check(
      moved.x > start.x,
      `holding Right did not move the player right (${start.x} → ${moved.x})`,
    );

    for (const entry of client.log.slice(since)) {
      if (entry.event !== 'state:snapshot') continue;
      const bytes = entry.payload as Uint8Array;
      const size = sizeOf(readSnapshot(bytes));
      check(
        bytes.byteLength === size,
        `a snapshot of ${bytes.byteLength} B, the formula says ${size}`,
      );
    }
    const ids = last.players.map((p) => p.id);
    check(
      ids.every((id, i) => i === 0 || id > ids[i - 1]!),
      'players are not sorted by id',
    );
    check(last.tick > first.tick, 'tick did not advance');
    check(last.serverTimeMs > first.serverTimeMs, 'serverTimeMs did not advance');
  },
};
