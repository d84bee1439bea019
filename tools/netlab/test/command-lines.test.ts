/**
 * netlab's three commands as a person runs them: help is an answer (stdout, exit code 0), and
 * a value netlab cannot use is refused in one line with exit code 2 before any run, not quietly
 * changed into one it can.
 */
import { runFromSource } from '@arena/devkit';
import { INPUT_BUFFER_MAX_TICKS } from '@arena/shared/netcode/server';
import { describe, expect, it } from 'vitest';

const netlab = (entry: string, ...args: string[]) =>
  runFromSource(`tools/netlab/src/${entry}`, args);

describe("netlab's command lines", { timeout: 60_000 }, () => {
  it.each([
    ['main.ts', 'netlab'],
    ['frontier-main.ts', 'netlab:frontier'],
    ['input-buffer-main.ts', 'netlab:input-buffer'],
  ])('%s answers --help on stdout with exit code 0', (entry, command) => {
    const run = netlab(entry, '--help');
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(new RegExp(`^usage: npm run ${command} -- `));
  });

  it('refuses a player count the quiet part has no zone for, instead of running 6', () => {
    const run = netlab('main.ts', '--players', '9');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^netlab: --players must be a whole number from 2 to 6, got "9"\n/);
    expect(run.stdout).toBe('');
  });

  it("refuses an input buffer the server could not be given, past the server's own bound", () => {
    const past = String(INPUT_BUFFER_MAX_TICKS + 1);
    const run = netlab('input-buffer-main.ts', '--buffers', `0,${past}`);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      `netlab:input-buffer: --buffers must be a whole number from 0 to ${INPUT_BUFFER_MAX_TICKS}, got "${past}"\n`,
    );
    expect(run.stdout).toBe('');
  });

  it('names the profiles it knows when given one it does not, or none', () => {
    const typo = netlab('main.ts', '--profiles', 'lan,mobile');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^netlab: --profiles: unknown profile "mobile"; the profiles are lan, wifi, far, badMobile\n/,
    );
    const none = netlab('input-buffer-main.ts', '--profiles', '');
    expect(none.stderr).toMatch(/^netlab:input-buffer: --profiles needs at least one value\n/);
    const trailing = netlab('frontier-main.ts', '--profile', '');
    expect(trailing.stderr).toMatch(/^netlab:frontier: --profile: an empty profile name; the /);
    expect([typo.stdout, none.stdout, trailing.stdout]).toEqual(['', '', '']);
  });
});
