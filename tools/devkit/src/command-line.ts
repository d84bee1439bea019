/**
 * What the command lines (bots, bench, soak, netlab) share: `node:util`'s parseArgs, numbers
 * checked with a message naming the option, and one way to say "bad usage" (exit 2, usage
 * printed on stderr) apart from a failure (exit 1) and from asking for help (the usage on
 * stdout, exit 0: nothing went wrong).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A failure the command expected and can say in one line (a server it cannot reach): exit 1
 * with that line, no stack trace. Anything else thrown is a bug, and keeps its stack.
 */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
}

/** `--help` or `-h`: the usage is the answer, not an error. */
export class HelpRequested extends UsageError {
  override name = 'HelpRequested';
}

/**
 * parseArgs's own message, shortened to one line where it explains more than a person needs:
 * an unknown option's goes on about positional arguments that start with a dash, and a value
 * that starts with a dash (`--seconds -1`, or the next option) takes three lines to refuse.
 */
function parseProblem(error: Error & { code?: string }): string {
  const named = /'([^' ]+)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && named)
    return `unknown option ${named} (see --help)`;
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && named)
    return `unexpected argument ${named}: every option is --name value (see --help)`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && named) {
    if (error.message.includes('ambiguous'))
      return `${named} needs a value (write ${named}=VALUE for one that starts with a dash)`;
    if (error.message.includes('argument missing')) return `${named} needs a value`;
  }
  return error.message;
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
    if (help === true) throw new HelpRequested('');
    return given as OptionValues<T>;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs says what was wrong (an unknown option, a missing value) in its message.
    throw new UsageError(parseProblem(error as Error));
  }
}

/**
 * `raw` as a number (`fallback` when absent); a usage error unless finite and ≥ 0 (> 0), or,
 * for a `count` (of bots, clients, rooms), a whole number ≥ 1: 2.5 bots would be run as 2.
 */
export function numberOption(
  name: string,
  raw: string | undefined,
  fallback: number,
  rule: 'non-negative' | 'positive' | 'count' = 'non-negative',
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const ok =
    rule === 'count'
      ? Number.isInteger(value) && value >= 1
      : Number.isFinite(value) && (rule === 'positive' ? value > 0 : value >= 0);
  const what = rule === 'count' ? 'whole number from 1 up' : `${rule} number`;
  if (!ok || raw.trim() === '') throw new UsageError(`--${name} must be a ${what}, got "${raw}"`);
  return value;
}

/**
 * `raw` as a whole number from `min` to `max` (`fallback` when absent); a usage error naming
 * the range otherwise, so a value the tool cannot use is refused rather than quietly changed.
 */
export function integerOption(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/**
 * `raw`, a file the command will write when it is done (`--json out.json`), checked before it
 * starts: a run of minutes that could not write its report at the end would be lost.
 */
export function outputFileOption(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // resolve('') is the working directory, which would be refused as "a directory".
  if (raw.trim() === '') throw new UsageError(`--${name} needs a file name`);
  const path = resolve(raw);
  let reason: string | undefined;
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) reason = 'it is a directory';
    else accessSync(dirname(path), constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    reason = code === 'ENOENT' ? 'no such directory' : `its directory is not writable (${code})`;
  }
  if (reason) throw new UsageError(`--${name}: cannot write ${raw}: ${reason}`);
  return raw;
}

/**
 * Runs a command's `main`: `--help` prints the usage and exits 0, a usage error exits 2 with
 * the usage, anything else thrown exits 1 (a `CommandFailure` with its one line).
 */
export function runCommand(name: string, usage: string, main: () => Promise<void> | void): void {
  const fail = (error: unknown) => {
    if (error instanceof HelpRequested) {
      console.log(usage);
      process.exit(0);
    }
    if (error instanceof UsageError) {
      if (error.message) console.error(`${name}: ${error.message}`);
      console.error(usage);
      process.exit(2);
    }
    if (error instanceof CommandFailure) console.error(`${name}: ${error.message}`);
    else console.error(error);
    process.exit(1);
  };
  try {
    void Promise.resolve(main()).catch(fail);
  } catch (error) {
    fail(error);
  }
}
