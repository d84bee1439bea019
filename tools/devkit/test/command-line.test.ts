import { describe, expect, it } from 'vitest';
import { numberOption, readOptions, UsageError } from '../src/command-line.js';

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

  it('answers --help with the usage alone', () => {
    expect(() => readOptions(OPTIONS, ['--help'])).toThrow(new UsageError(''));
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
  });
});
