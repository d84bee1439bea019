/**
 * The server benches' command lines, read as the project's other tools read theirs: `--help`
 * prints the usage on stdout (exit code 0), and an unknown option, a stray word or a value the
 * option does not take is named after the bench's name, followed by the usage on stderr (exit
 * code 2), instead of ending in a stack trace. Every option of these benches has a default and
 * is a count (a whole number from 1, some with a most: a room's players) or a positive number
 * of seconds. Not devkit's `readOptions`: the server does not
 * depend on the tools' package, and these benches fork themselves with words before their
 * options (`clients <url>`), which `readOptions` refuses.
 */
import { parseArgs } from 'node:util';

export interface BenchCommandLine<Name extends string> {
  values: Record<Name, number>;
  /** The benches pass words to the child processes they fork; a person passes none. */
  positionals: string[];
}

/**
 * The word a bench forks its clients with (`clients <url>`). Any other word is a person's, and
 * most likely an option npm took for its own: `npm run bench:tick --rooms 5`, without `--`,
 * hands the bench a bare `5`, which would otherwise run the default 20 rooms without a word.
 */
const CHILD_WORD = 'clients';

/** The bench's name as its usage gives it: `usage: npm run bench:tick -- …` → `bench:tick`. */
function benchName(usage: string): string {
  return /npm run (\S+)/.exec(usage)?.[1] ?? 'bench';
}

function usageExit(usage: string, problem: string): never {
  console.error(`${benchName(usage)}: ${problem}`);
  console.error(usage);
  process.exit(2);
}

/**
 * parseArgs's message in one line: an unknown option's goes on about positionals, and a value
 * that starts with a dash (`--rooms -1`, or the next option) takes three lines to refuse.
 */
function parseProblem(error: Error & { code?: string }): string {
  const option = /'([^' ]+)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option)
    return `unknown option ${option} (see --help)`;
  if (/ambiguous|argument missing/.test(error.message) && option) return `${option} needs a value`;
  return error.message;
}

/** Which options are not counts from 1 with no most. */
export interface BenchOptionRules<Name extends string> {
  /** Options that take a positive number of seconds, a fraction too; the rest are counts. */
  seconds?: readonly Name[];
  /** The most a count may be. */
  most?: Partial<Record<Name, number>>;
}

/** What is wrong with `raw` as option `name`'s value, or undefined. */
function valueProblem<Name extends string>(
  name: Name,
  value: number,
  raw: string | undefined,
  rules: BenchOptionRules<Name>,
): string | undefined {
  const got = `got "${String(raw)}"`;
  if (rules.seconds?.includes(name))
    return Number.isFinite(value) && value > 0
      ? undefined
      : `--${name} must be a positive number, ${got}`;
  const most = rules.most?.[name] ?? Number.MAX_SAFE_INTEGER;
  if (Number.isInteger(value) && value >= 1 && value <= most) return undefined;
  const range = most === Number.MAX_SAFE_INTEGER ? 'from 1 up' : `from 1 to ${most}`;
  // The words of the tools' own reader (devkit's numberOption and integerOption).
  return `--${name} must be a whole number ${range}, ${got}`;
}

export function readBenchOptions<Name extends string>(
  usage: string,
  defaults: Record<Name, number>,
  rules: BenchOptionRules<NoInfer<Name>> = {},
): BenchCommandLine<Name> {
  const names = Object.keys(defaults) as Name[];
  const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageExit(usage, parseProblem(error as Error));
  }
  if (parsed.values.help === true) {
    console.log(usage);
    process.exit(0);
  }
  const word = parsed.positionals[0];
  if (word !== undefined && word !== CHILD_WORD)
    usageExit(usage, `unexpected argument ${word}: every option is --name value (see --help)`);
  const values = {} as Record<Name, number>;
  for (const name of names) {
    const raw = parsed.values[name] as string | undefined; // every option's type is string
    const value = raw === undefined ? defaults[name] : Number(raw);
    const problem = valueProblem(name, value, raw, rules);
    if (problem !== undefined) usageExit(usage, problem);
    values[name] = value;
  }
  return { values, positionals: parsed.positionals };
}
