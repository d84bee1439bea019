import { inputBytes } from '../input-bytes.js';
import { BinaryInput, Button, Code } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';
import { expectError } from './bad-payloads.js';
import { seatedMover, sendInputs } from './inputs-and-snapshots.js';

const INPUTS = 30;

export const binaryInputs: Rule = {
  id: 'binary-inputs',
  section: '§1, §4, §6',
  says: 'a binary player:input (event 2; 5 bytes, or 11 with the view) is acked and moves the player as the JSON form does; a wrong length or a field out of range gets INVALID_PAYLOAD',
  async run(ctx) {
    const { client, tickRateHz, self, since, first, start } = await seatedMover(ctx, 'Bytes');
    // Both lengths, one after the other: every other input carries the view it was drawn at.
    await sendInputs(client, tickRateHz, 1, INPUTS, Button.Right, (seq) =>
      inputBytes({
        seq,
        buttons: Button.Right,
        view: seq % 2 === 0 ? { tick: first.tick, aheadMs: 20 } : undefined,
      }),
    );
    const last = await client.nextSnapshot(
      (s) => (s.acks.find((a) => a.playerId === self)?.seq ?? -1) >= INPUTS,
      since,
    );
    const moved = last.players.find((p) => p.id === self)!;
    check(
      moved.x > start.x,
      `binary inputs holding Right did not move the player (${start.x} → ${moved.x})`,
    );

    const bad = [
      new Uint8Array(BinaryInput.bytes - 1),
      new Uint8Array(BinaryInput.bytes + 1),
      inputBytes({ seq: INPUTS + 1, buttons: 32 }),
      inputBytes({
        seq: INPUTS + 1,
        buttons: 0,
        view: { tick: last.tick, aheadMs: BinaryInput.viewAheadMaxMs + 1 },
      }),
    ];
    for (const bytes of bad) await expectError(client, 'player:input', bytes, Code.InvalidPayload);
    check(client.socket.connected, 'a few bad binary inputs disconnected the socket');
  },
};
