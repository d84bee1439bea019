import { Button, MAX_INPUTS_UNTIL_HEARD_AFTER_PAUSE } from '../protocol-facts.js';
import { check, type Rule } from '../rule.js';
import { sendInputs } from './inputs-and-snapshots.js';

export const pauseAndRecover: Rule = {
  id: 'pause-and-recover',
  section: '§6',
  says: 'a client that counts seq + 1 through a one-second pause controls its player again soon after',
  async run(ctx) {
    const { client, joined } = await ctx.seat('room:create', { name: 'Pauser', isPublic: false });
    const tickRateHz = (joined.sim as { tickRateHz: number }).tickRateHz;
    const self = joined.selfId;
    const ackOf = (s: { acks: { playerId: number; seq: number }[] }) =>
      s.acks.find((a) => a.playerId === self)?.seq ?? 0;
    const since = client.mark();
    await sendInputs(client, tickRateHz, 1, 10, Button.Right);
    // The pause: a second of ticks guessed past the last input we sent.
    await client.nextSnapshot((s) => ackOf(s) >= 10 + tickRateHz, since, 10_000);

    let seq = 11;
    let heard = false;
    const resumed = client.mark();
    const watch = client
      .nextSnapshot((s) => (s.players.find((p) => p.id === self)?.vy ?? 0) > 0, resumed, 10_000)
      .then(() => (heard = true));
    while (!heard && seq <= 10 + 4 * MAX_INPUTS_UNTIL_HEARD_AFTER_PAUSE) {
      await sendInputs(client, tickRateHz, seq, 1, Button.Down);
      seq += 1;
    }
    await watch;
    const inputs = seq - 11;
    check(
      inputs <= MAX_INPUTS_UNTIL_HEARD_AFTER_PAUSE,
      `the player turned only after ${inputs} inputs (at most ${MAX_INPUTS_UNTIL_HEARD_AFTER_PAUSE})`,
    );
  },
};
