/** A tiny `--name value` / `--name=value` parser for the bots' command lines. */
export function parseArgs(
  argv: readonly string[],
  known: Record<string, string>,
): Record<string, string> {
  const values: Record<string, string> = { ...known };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') throw new UsageError('');
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!(name in known)) throw new UsageError(`unknown option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`option --${name} needs a value`);
    values[name] = value;
  }
  return values;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function positiveNumber(values: Record<string, string>, name: string): number {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a non-negative number`);
  return n;
}
