/**
 * `npm run bench:browser` when something fails after its server started (here: no browser to
 * launch): one line saying why, exit code 1, and nothing it started left running.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FROM_SOURCE, REPO_ROOT } from '@arena/devkit';
import { afterEach, describe, expect, it } from 'vitest';
import { aliveInGroup, spawnGroupLeader, type GroupLeader } from '../support/process-group.js';

const BENCH = [...FROM_SOURCE, 'tests/bench/browser-frames.ts'];
const BUILT = existsSync(join(REPO_ROOT, 'apps/server/dist/main.js'));

let bench: GroupLeader | undefined;
afterEach(() => bench?.killGroup());

describe.skipIf(!BUILT)('bench:browser failing', { timeout: 60_000 }, () => {
  it('stops its server and says why in one line, exit code 1', async () => {
    const env = { ...process.env, CHROMIUM_PATH: join(REPO_ROOT, 'no-such-chromium') };
    bench = spawnGroupLeader([...BENCH, '--players', '2', '--renderers', 'canvas'], {
      cwd: REPO_ROOT,
      env,
    });
    const { code } = await bench.exited;
    expect(code).toBe(1);
    expect(bench.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(/^bench:browser: browserType.launch: /),
    ]);
    expect(aliveInGroup(bench.child.pid!)).toEqual([]);
  });
});
