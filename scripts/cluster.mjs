// `npm run cluster -- --processes 3`: build whatever is missing, then run a cluster on this
// machine: a redis-server, N server processes, one port in front (apps/server/src/launch/).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildMissing } from './build-missing.mjs';

buildMissing();

// The launcher ends with this script even if it is killed with SIGKILL: on Linux the kernel
// then sends it SIGTERM (setpriv --pdeathsig), and it stops what it started, as on Ctrl-C.
const SETPRIV = '/usr/bin/setpriv';
const command = [
  process.execPath,
  'apps/server/dist/launch/cluster-launch.js',
  ...process.argv.slice(2),
];
const [file, ...argv] =
  process.platform === 'linux' && existsSync(SETPRIV)
    ? [SETPRIV, '--pdeathsig', 'SIGTERM', '--', ...command]
    : command;
const launcher = spawn(file, argv, { stdio: 'inherit', env: process.env });
// The launcher stops what it started on any of these, then exits; so this script waits for it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => launcher.kill(signal));
launcher.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
