/**
 * What the command lines (bots, bench, soak, netlab) share: `node:util`'s parseArgs, numbers
 * checked with a message naming the option, and one way to say "bad usage" (exit 2, usage
 * printed) apart from a failure (exit 1).
 */
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

type OptionSpec = { type: 'string' } | { type: 'boolean' };

/** What the command line said: a string per given string option, true per given flag. */
export type OptionValues<T extends Record<string, OptionSpec>> = {
  [K in keyof T]?: T[K] extends { type: 'boolean' } ? boolean : string;
};

/** `--name value`, `--name=value` and boolean `--flag`; `--help` asks for the usage. */
export function readOptions<T extends Record<string, OptionSpec>>(
  options: T,
  args: readonly string[] = process.argv.slice(2),
): OptionValues<T> {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    const { help, ...given } = values as Record<string, string | boolean | undefined>;
    if (help === true) throw new UsageError('');
    return given as OptionValues<T>;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs says what was wrong (an unknown option, a missing value) in its message.
    throw new UsageError((error as Error).message);
  }
}

/** `raw` as a number (`fallback` when absent); a usage error unless finite and ≥ 0 (> 0). */
export function numberOption(
  name: string,
  raw: string | undefined,
  fallback: number,
  rule: 'non-negative' | 'positive' = 'non-negative',
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const ok = Number.isFinite(value) && (rule === 'positive' ? value > 0 : value >= 0);
  if (!ok || raw.trim() === '')
    throw new UsageError(`--${name} must be a ${rule} number, got "${raw}"`);
  return value;
}

/** Runs a command's `main`: a usage error exits 2 with the usage, anything else thrown exits 1. */
export function runCommand(name: string, usage: string, main: () => Promise<void> | void): void {
  const fail = (error: unknown) => {
    if (error instanceof UsageError) {
      if (error.message) console.error(`${name}: ${error.message}`);
      console.error(usage);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  };
  try {
    void Promise.resolve(main()).catch(fail);
  } catch (error) {
    fail(error);
  }
}
