/**
 * `npm run netlab [-- --json] [--seconds N] [--seed N] [--profiles lan,far] [--fps N]
 * [--players N] [--streams 1|2] [--check]`: runs the real sim and netcode over simulated links and prints the
 * table that docs/NETCODE.md quotes. `--check` exits 1 when a target of any profile run is
 * missed (`targets.ts`).
 */
import { integerOption, numberOption, readOptions, runCommand, UsageError } from '@arena/devkit';
import { DEFAULT_NETLAB_OPTIONS, runNetlab, type NetlabOptions } from './netlab.js';
import { listOption, profileOption } from './profile-options.js';
import { formatTable } from './table.js';

const USAGE = `usage: npm run netlab -- [--json] [--check] [--seconds 180] [--quiet 60] [--seed 1]
                      [--profiles lan,wifi,far,badMobile] [--fps 60] [--players 6]
                      [--streams 1|2]`;

function netlabOptions(): { options: NetlabOptions; json: boolean; check: boolean } {
  const values = readOptions({
    json: { type: 'boolean' },
    check: { type: 'boolean' },
    seconds: { type: 'string' },
    quiet: { type: 'string' },
    seed: { type: 'string' },
    profiles: { type: 'string' },
    fps: { type: 'string' },
    players: { type: 'string' },
    streams: { type: 'string' },
  });
  const streams = values.streams ?? '1';
  if (streams !== '1' && streams !== '2') throw new UsageError('--streams is 1 or 2');
  const d = DEFAULT_NETLAB_OPTIONS;
  const profiles = listOption('profiles', values.profiles, d.profiles, (name) =>
    profileOption('profiles', name),
  );
  const positive = (name: 'seconds' | 'quiet' | 'seed' | 'fps', fallback: number) =>
    numberOption(name, values[name], fallback, 'positive');
  const seconds = positive('seconds', d.seconds);
  const options: NetlabOptions = {
    ...d,
    profiles: [...profiles],
    seconds,
    quietSeconds: Math.min(seconds, positive('quiet', d.quietSeconds)),
    seed: positive('seed', d.seed),
    fps: positive('fps', d.fps),
    // The quiet part gives each player a zone of its own in a 3 × 2 grid.
    players: integerOption('players', values.players, d.players, 2, 6),
    snapshotStreams: streams === '2' ? 2 : 1,
  };
  return { options, json: values.json === true, check: values.check === true };
}

runCommand('netlab', USAGE, () => {
  const { options, json, check } = netlabOptions();
  const report = runNetlab(options);
  console.log(json ? JSON.stringify(report, null, 2) : formatTable(report));
  if (check && report.targets.some((t) => !t.pass)) process.exit(1);
});
