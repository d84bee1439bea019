// Starts a child that ends with this script, even when the script is killed with SIGKILL and
// cannot forward anything: on Linux the kernel then sends the child SIGTERM (util-linux's
// `setpriv --pdeathsig`, which runs the program itself, same PID), and it shuts down as on
// Ctrl-C instead of running on, holding its port. Elsewhere it is a plain spawn.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const SETPRIV = '/usr/bin/setpriv';
const tied = process.platform === 'linux' && existsSync(SETPRIV);

/** `node script ...args`, with this process's output and environment, tied to this process. */
export function spawnNodeTied(script, args) {
  const command = [process.execPath, script, ...args];
  const [file, ...argv] = tied ? [SETPRIV, '--pdeathsig', 'SIGTERM', '--', ...command] : command;
  return spawn(file, argv, { stdio: 'inherit', env: process.env });
}
