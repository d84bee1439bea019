import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TICK_BENCH = fileURLToPath(new URL('../bench/tick-cost.ts', import.meta.url));

/** Runs `npm run bench:tick` with `args`, as a person would (from source, with tsx). */
function tickBench(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--conditions=@arena/source', '--import', 'tsx', TICK_BENCH, ...args],
    { encoding: 'utf8', timeout: 30_000 },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("the server benches' command lines", () => {
  it('answer --help with the usage on stdout and exit code 0, running nothing', () => {
    const run = tickBench('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run bench:tick -- \[--rooms 20\]/);
    expect(run.stderr).toBe('');
  });

  it('name an unknown option or a value the option does not take, after their name', () => {
    const bogus = tickBench('--bogus');
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/^bench:tick: unknown option --bogus \(see --help\)\nusage: /);
    const bad = tickBench('--rooms', 'many');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'bench:tick: --rooms must be a whole number from 1 up, got "many"',
    );
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('take counts as whole numbers, a room of players as many as a server seats', () => {
    const half = tickBench('--rooms', '2.5');
    expect(half.code).toBe(2);
    expect(half.stderr).toContain(
      'bench:tick: --rooms must be a whole number from 1 up, got "2.5"',
    );
    const crowd = tickBench('--players', '65');
    expect(crowd.code).toBe(2);
    expect(crowd.stderr).toContain(
      'bench:tick: --players must be a whole number from 1 to 64, got "65"',
    );
  });

  it('ask for a missing value in one line, one that starts with a dash too', () => {
    for (const args of [['--rooms'], ['--rooms', '-1'], ['--rooms', '--ticks', '30']]) {
      const run = tickBench(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^bench:tick: --rooms needs a value\nusage: /);
    }
  });

  it('refuse a bare word, such as a value whose option npm took without `--`', () => {
    const run = tickBench('5');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^bench:tick: unexpected argument 5: every option is --name value \(see --help\)\nusage: /,
    );
    expect(run.stdout).toBe('');
  });

  it('run with the options given', () => {
    const run = tickBench('--rooms', '1', '--ticks', '30', '--repeats', '1');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('room tick (10 players');
  });
});
