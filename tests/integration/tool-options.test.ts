/**
 * The tools refuse what they cannot use before doing any work, in one line with exit code 2:
 * a value outside what the game allows is not quietly changed, a name that means nothing is
 * not a stack trace, and a report that could not be written is refused before a long run.
 */
import { runFromSource } from '@arena/devkit';
import { describe, expect, it } from 'vitest';

const tool = (entry: string, ...args: string[]) => runFromSource(entry, args);

const refusals: [string, string[], RegExp][] = [
  [
    'tools/netlab/src/main.ts',
    ['--players', '9'],
    /^netlab: --players must be a whole number from 2 to 6/,
  ],
  [
    'tools/netlab/src/input-buffer-main.ts',
    ['--buffers', '0,99'],
    /^netlab:input-buffer: --buffers must be a whole number from 0 to 8/,
  ],
  [
    'apps/bots/src/bench/snapshot-bytes.ts',
    ['--players', '65'],
    /^bench:bytes: --players must be a whole number from 1 to 64/,
  ],
  [
    'apps/bots/src/attack/cli.ts',
    ['--only', 'nope'],
    /^attack: --only names no attack: nope \(the attacks: /,
  ],
  ['tools/soak/src/cli.ts', ['--bots', '2.5'], /^soak: --bots must be a whole number from 1 up/],
  [
    'tools/soak/src/cli.ts',
    ['--json', '/nonexistent/dir/soak.json'],
    /^soak: --json: cannot write \/nonexistent\/dir\/soak.json: no such directory/,
  ],
];

describe('tools refuse what they cannot use, before any work', { timeout: 60_000 }, () => {
  it.each(refusals)('%s %j', (entry, args, message) => {
    const run = tool(entry, ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('answer --help on stdout with exit code 0', () => {
    const run = tool('tools/netlab/src/main.ts', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run netlab/);
  });
});
