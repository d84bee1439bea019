import { describe, expect, it } from 'vitest';
import { runInputBufferSweep } from '../src/input-buffer.js';

describe('the input buffer sweep', () => {
  it(
    'runs the server at each buffer: a deeper one guesses fewer slots on a jittery link',
    { timeout: 60_000 },
    () => {
      const rows = runInputBufferSweep({
        profiles: ['far'],
        buffers: [0, 3],
        seed: 1,
        seconds: 12,
        quietSeconds: 12,
        players: 3,
      });
      // Each buffer fixed, then the server's default as it plays (2, shrinking to 1).
      expect(
        rows.map((r) => [r.bufferTicks, r.minBufferTicks, Math.round(r.addedDelayMs)]),
      ).toEqual([
        [0, 0, 0],
        [3, 3, 100],
        [2, 1, 67],
      ]);
      const [none, deep] = rows;
      expect(none!.inputsGuessedShare).toBeGreaterThan(deep!.inputsGuessedShare);
      // As played, an input waits at the server about as long as its buffer says.
      expect(deep!.inputWaitMeanMs).toBeGreaterThan(none!.inputWaitMeanMs);
    },
  );
});
