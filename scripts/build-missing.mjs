// Builds whatever of the server and the client is missing (turbo skips what is cached).
import { spawnSync } from 'node:child_process';

export function buildMissing() {
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
}
