/**
 * `npm run bench:bytes` as a person runs it: one room's players, which the server seats 1 to
 * 64 of (MAX_PLAYERS_PER_ROOM), whole; anything else is refused in one line with exit code 2.
 */
import { runFromSource } from '@arena/devkit';
import { describe, expect, it } from 'vitest';

const bytesBench = (...args: string[]) =>
  runFromSource('apps/bots/src/bench/snapshot-bytes.ts', args);

describe("bench:bytes's command line", { timeout: 60_000 }, () => {
  it.each(['65', '2.5', '0'])('refuses --players %s: no room seats that many', (players) => {
    const run = bytesBench('--players', players);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      `bench:bytes: --players must be a whole number from 1 to 64, got "${players}"\n`,
    );
    expect(run.stdout).toBe('');
  });

  it('runs a full room', () => {
    const run = bytesBench('--players', '64', '--seconds', '1');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^one room of 64 at /i);
  });
});
