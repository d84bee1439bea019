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
      expect(rows.map((r) => [r.bufferTicks, Math.round(r.addedDelayMs)])).toEqual([
        [0, 0],
        [3, 100],
      ]);
      const [none, deep] = rows;
      expect(none!.inputsGuessedShare).toBeGreaterThan(deep!.inputsGuessedShare);
    },
  );
});
