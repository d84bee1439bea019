/**
 * `npm run netlab:frontier [-- --json] [--profile badMobile] [--seed 1] [--seconds 180]`:
 * the least interpolation delay any render clock can keep on a profile's links, against how
 * wrong its guesses must then be (`frontier.ts`). docs/NETCODE.md quotes it for `badMobile`.
 */
import { numberOption, readOptions, runCommand } from '@arena/devkit';
import { DEFAULT_FRONTIER_OPTIONS, formatFrontier, runFrontier } from './frontier-report.js';
import { profileOption } from './profile-options.js';

const USAGE = `usage: npm run netlab:frontier -- [--json] [--profile badMobile] [--seed 1]
                               [--seconds 180] [--quiet 60]`;

runCommand('netlab:frontier', USAGE, () => {
  const values = readOptions({
    json: { type: 'boolean' },
    profile: { type: 'string' },
    seed: { type: 'string' },
    seconds: { type: 'string' },
    quiet: { type: 'string' },
  });
  const d = DEFAULT_FRONTIER_OPTIONS;
  const profile = profileOption('profile', values.profile ?? d.profile);
  const seconds = numberOption('seconds', values.seconds, d.seconds, 'positive');
  const options = {
    ...d,
    profile,
    seed: numberOption('seed', values.seed, d.seed, 'positive'),
    seconds,
    quietSeconds: Math.min(seconds, numberOption('quiet', values.quiet, d.quietSeconds)),
  };
  const rows = runFrontier(options);
  console.log(
    values.json ? JSON.stringify({ options, rows }, null, 2) : formatFrontier(options, rows),
  );
});
