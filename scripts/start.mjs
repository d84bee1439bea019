// `npm start`: build whatever is missing (turbo skips what is cached), then serve the game.
// Extra arguments (`npm start -- --port 4000`) are passed to the server as flags.
import { spawnSync, spawn } from 'node:child_process';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
const build = spawnSync(
  process.execPath,
  [
    'scripts/turbo.mjs',
    'run',
    'build',
    '--filter=@arena/server',
    '--filter=@arena/client',
    '--output-logs=errors-only',
  ],
  { stdio: 'inherit', env },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(process.execPath, ['apps/server/dist/main.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: process.env,
});
// Forward signals so SIGTERM reaches the server's graceful shutdown, then exit with its code.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
