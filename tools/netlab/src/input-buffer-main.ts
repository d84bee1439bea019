/**
 * `npm run netlab:input-buffer [-- --json] [--profiles lan,far] [--buffers 0,1,2,3,4]
 * [--seed 1] [--seconds 180]`: netlab at each input buffer (`input-buffer.ts`), the figures
 * behind `INPUT_BUFFER_TICKS`'s default.
 */
import { integerOption, numberOption, readOptions, runCommand } from '@arena/devkit';
import { INPUT_BUFFER_MAX_TICKS } from '@arena/shared/netcode/server';
import {
  DEFAULT_INPUT_BUFFER_OPTIONS,
  formatInputBufferSweep,
  runInputBufferSweep,
} from './input-buffer.js';
import { listOption, profileOption } from './profile-options.js';

const USAGE = `usage: npm run netlab:input-buffer -- [--json] [--profiles lan,wifi,far,badMobile]
                                   [--buffers 0,1,2,3,4] [--seed 1] [--seconds 180]`;

runCommand('netlab:input-buffer', USAGE, () => {
  const values = readOptions({
    json: { type: 'boolean' },
    profiles: { type: 'string' },
    buffers: { type: 'string' },
    seed: { type: 'string' },
    seconds: { type: 'string' },
  });
  const d = DEFAULT_INPUT_BUFFER_OPTIONS;
  const seconds = numberOption('seconds', values.seconds, d.seconds, 'positive');
  const options = {
    ...d,
    profiles: listOption('profiles', values.profiles, d.profiles, (name) =>
      profileOption('profiles', name),
    ),
    // The buffers a server can be given (`INPUT_BUFFER_TICKS`).
    buffers: listOption('buffers', values.buffers, d.buffers, (b) =>
      integerOption('buffers', b, 0, 0, INPUT_BUFFER_MAX_TICKS),
    ),
    seed: numberOption('seed', values.seed, d.seed, 'positive'),
    seconds,
    quietSeconds: Math.min(seconds, d.quietSeconds),
  };
  const rows = runInputBufferSweep(options);
  console.log(
    values.json
      ? JSON.stringify({ options, rows }, null, 2)
      : formatInputBufferSweep(options, rows),
  );
});
