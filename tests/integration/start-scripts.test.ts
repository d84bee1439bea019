/**
 * `npm start` and `npm run cluster` run the server (or the launcher) as a child of a small
 * script (scripts/start.mjs, scripts/cluster.mjs). Killed with SIGKILL, that script cannot
 * forward anything, and its child must not run on as an orphan holding the port: it is started
 * tied to the script (scripts/spawn-tied.mjs), and the kernel sends it SIGTERM.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '@arena/devkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  aliveInGroup,
  PARENT_DEATH_SIGNALS,
  spawnGroupLeader,
  until,
  type GroupLeader,
} from '../support/process-group.js';

const SPAWN_TIED = join(REPO_ROOT, 'scripts/spawn-tied.mjs');

let script: GroupLeader | undefined;
afterEach(() => script?.killGroup());

describe.skipIf(!PARENT_DEATH_SIGNALS)('the start scripts', { timeout: 30_000 }, () => {
  it('take their child with them when they are killed with SIGKILL', async () => {
    // As scripts/start.mjs does, with a child that would otherwise run for ever.
    const parent = `import { spawnNodeTied } from ${JSON.stringify(SPAWN_TIED)};
      const child = spawnNodeTied('-e', ['setInterval(() => {}, 1000)']);
      console.log(child.pid);
      setInterval(() => {}, 1000);`;
    script = spawnGroupLeader(['--input-type=module', '-e', parent], { cwd: REPO_ROOT });
    const group = script.child.pid!;
    await until(() => /\d+\n/.test(script!.stdout()), 10_000, 'the child to start');
    const child = Number(script.stdout().trim());
    expect(aliveInGroup(group)).toContain(child);
    script.child.kill('SIGKILL');
    await script.exited;
    await until(() => aliveInGroup(group).length === 0, 5000, 'the child to end');
  });
});
