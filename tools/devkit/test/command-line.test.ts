import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  HelpRequested,
  integerOption,
  numberOption,
  outputFileOption,
  readOptions,
  UsageError,
} from '../src/command-line.js';

const OPTIONS = { count: { type: 'string' }, json: { type: 'boolean' } } as const;

describe('readOptions', () => {
  it('reads --name value, --name=value and flags', () => {
    expect(readOptions(OPTIONS, ['--count', '3', '--json'])).toEqual({ count: '3', json: true });
    expect(readOptions(OPTIONS, ['--count=4'])).toEqual({ count: '4' });
  });

  it('turns an unknown option, a missing value or a stray word into a usage error', () => {
    for (const args of [['--bogus'], ['--count'], ['extra']]) {
      expect(() => readOptions(OPTIONS, args), args.join(' ')).toThrow(UsageError);
    }
  });

  it('names an unknown option in one short line', () => {
    expect(() => readOptions(OPTIONS, ['--bogus'])).toThrow(
      new UsageError('unknown option --bogus (see --help)'),
    );
  });

  it('asks for a missing value in one line, saying how to give one that starts with a dash', () => {
    expect(() => readOptions(OPTIONS, ['--count', '-1'])).toThrow(
      new UsageError('--count needs a value (write --count=VALUE for one that starts with a dash)'),
    );
    expect(() => readOptions(OPTIONS, ['--count', '--json'])).toThrow(/^--count needs a value/);
    expect(() => readOptions(OPTIONS, ['--count'])).toThrow(
      new UsageError('--count needs a value'),
    );
    expect(readOptions(OPTIONS, ['--count=-1'])).toEqual({ count: '-1' });
  });

  it('answers --help with the usage alone', () => {
    expect(() => readOptions(OPTIONS, ['--help'])).toThrow(HelpRequested);
  });
});

describe('integerOption', () => {
  it('gives the fallback when absent and a whole number within its range when given', () => {
    expect(integerOption('players', undefined, 6, 2, 6)).toBe(6);
    expect(integerOption('players', '2', 6, 2, 6)).toBe(2);
  });

  it('refuses what is outside the range or not whole, naming the range', () => {
    for (const raw of ['9', '1', '2.5', '', 'six']) {
      expect(() => integerOption('players', raw, 6, 2, 6), raw).toThrow(
        /--players must be a whole number from 2 to 6/,
      );
    }
  });
});

describe('outputFileOption', () => {
  it('passes a file whose directory can be written, or none', () => {
    expect(outputFileOption('json', undefined)).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'arena-out-'));
    expect(outputFileOption('json', join(dir, 'report.json'))).toBe(join(dir, 'report.json'));
    rmSync(dir, { recursive: true });
  });

  it('refuses, before any work, a file in no directory or a directory', () => {
    expect(() => outputFileOption('json', '/nonexistent/dir/x.json')).toThrow(
      new UsageError('--json: cannot write /nonexistent/dir/x.json: no such directory'),
    );
    expect(() => outputFileOption('json', tmpdir())).toThrow(/it is a directory/);
    expect(() => outputFileOption('json', '')).toThrow(new UsageError('--json needs a file name'));
  });
});

describe('runCommand', () => {
  const command = fileURLToPath(new URL('./fixtures/tiny-command.ts', import.meta.url));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', command, ...args], { encoding: 'utf8' });

  it('prints the usage on stdout and exits 0 when asked for help', () => {
    const help = run('--help');
    expect([help.status, help.stdout, help.stderr]).toEqual([0, 'usage: tiny [--count 1]\n', '']);
  });

  it('names a bad option or value on stderr, then the usage, and exits 2', () => {
    const bogus = run('--bogus');
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toBe(
      'tiny: unknown option --bogus (see --help)\nusage: tiny [--count 1]\n',
    );
    const outOfRange = run('--count', '10');
    expect(outOfRange.status).toBe(2);
    expect(outOfRange.stderr).toMatch(/^tiny: --count must be a whole number from 1 to 9/);
    expect(run('--count', '3').stdout).toBe('count 3\n');
  });

  it('says an expected failure in one line and exits 1', () => {
    const failed = run('--fail', 'cannot reach the server');
    expect([failed.status, failed.stderr]).toEqual([1, 'tiny: cannot reach the server\n']);
  });
});

describe('numberOption', () => {
  it('gives the fallback when absent and the number when given', () => {
    expect(numberOption('count', undefined, 20)).toBe(20);
    expect(numberOption('count', '0', 20)).toBe(0);
    expect(numberOption('seconds', '1.5', 20, 'positive')).toBe(1.5);
  });

  it('names the option when the value is not a number it accepts', () => {
    expect(() => numberOption('count', 'many', 20)).toThrow(/--count must be a non-negative/);
    expect(() => numberOption('count', '-1', 20)).toThrow(UsageError);
    expect(() => numberOption('count', '', 20)).toThrow(UsageError);
    expect(() => numberOption('minutes', '0', 3, 'positive')).toThrow(
      /--minutes must be a positive/,
    );
    for (const raw of ['2.5', '0', '-3'])
      expect(() => numberOption('bots', raw, 24, 'count'), raw).toThrow(
        /--bots must be a whole number from 1 up/,
      );
    expect(numberOption('bots', '3', 24, 'count')).toBe(3);
  });
});
