// `npm test`, in two phases, so that the two cores are busy where that is safe and alone where
// timing matters:
// 1. the packages' own suites and the builds the browser tests need, two tasks at a time: their
//    tests simulate time (netlab) or only need their own server, so sharing the cores with one
//    other task changes nothing but the wall time;
// 2. the multi-client integration tests, then the browser tests, one after the other: both
//    measure snapshot rates and latencies on real sockets and real tabs, and each already uses
//    both cores (two vitest workers; Chromium plus servers).
// Extra arguments go to both turbo runs (`npm test -- --force`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const turbo = fileURLToPath(new URL('./turbo.mjs', import.meta.url));
const extra = process.argv.slice(2);
const phases = [
  ['run', 'build', 'test', '--filter=!@arena/tests', '--concurrency=2'],
  ['run', 'test', 'e2e', '--filter=@arena/tests', '--concurrency=1'],
];
for (const phase of phases) {
  const result = spawnSync(process.execPath, [turbo, ...phase, ...extra], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
