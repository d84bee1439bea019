// `npm run check`: lint then Prettier, beside the typechecks; what CI runs before the tests.
// ESLint runs once over the whole repository rather than once per package: its type-checked
// rules build a TypeScript program for each package either way, but one process parses the
// shared sources and loads the libraries once, which took about a third less CPU. That one
// process uses one core, so the packages' typechecks (turbo) run beside it on the other.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** A tool's own entry script (eslint's package exports do not include its bin). */
const bin = (path) => join(root, 'node_modules', path);

/** Runs a Node script from the repository root, resolving with its exit code. */
function run(script, args) {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  );
}

// Prettier follows ESLint on its core: the typechecks take longer than ESLint, so it fits in
// their tail instead of adding its 20 s after both.
let format = 0;
const lintThenFormat = async () => {
  const code = await run(bin('eslint/bin/eslint.js'), ['.', '--max-warnings=0']);
  format = await run(bin('prettier/bin/prettier.cjs'), ['--check', '.']);
  return code;
};
const [lint, typecheck] = await Promise.all([
  lintThenFormat(),
  run(fileURLToPath(new URL('./turbo.mjs', import.meta.url)), ['run', 'typecheck']),
]);
for (const [what, code] of Object.entries({ lint, typecheck, format }))
  if (code !== 0) console.error(`check: ${what} failed (exit ${code})`);
process.exit(lint || typecheck || format ? 1 : 0);
