import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cpuProfileArgs, summarizeRunProfiles } from '../../src/bench/cpu-profiles.js';

// A process that idles, spins in `spinHere`, then idles again, and says when it spun (in
// the clock the profile's samples carry).
const SCRIPT = `
const now = () => Number(process.hrtime.bigint() / 1000n);
const idle = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
function spinHere(ms) {
  const end = now() + ms * 1000;
  let x = 0;
  while (now() < end) for (let i = 0; i < 1e5; i++) x += Math.sqrt(x + i);
  return x;
}
idle(150);
const fromUs = now();
spinHere(300);
const toUs = now();
idle(150);
console.log(JSON.stringify({ fromUs, toUs }));
`;

describe('CPU profiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arena-profiles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("cuts a real process's profile to a window and sums self time by function", () => {
    const args = cpuProfileArgs(dir, 'probe');
    const out = execFileSync(process.execPath, [...args, '-e', SCRIPT], { encoding: 'utf8' });
    const spun = JSON.parse(out) as { fromUs: number; toUs: number };

    const [inWindow] = summarizeRunProfiles(dir, spun);
    expect(inWindow!.process).toBe('probe');
    expect(inWindow!.top[0]!.fn).toMatch(/^spinHere /);
    expect(inWindow!.top[0]!.percent).toBeGreaterThan(50);

    const before = { fromUs: spun.fromUs - 140_000, toUs: spun.fromUs - 10_000 };
    const [outside] = summarizeRunProfiles(dir, before);
    expect(outside!.top.map((row) => row.fn)).not.toContainEqual(
      expect.stringMatching(/^spinHere/),
    );
  });
});
