/**
 * The processes the cluster launcher starts end when it does, even when it is killed with
 * SIGKILL and cannot stop them itself (a supervisor that signals only its main PID, the
 * out-of-memory killer): otherwise Redis and every server would run on as orphans, holding
 * their ports and their rooms' leases. On Linux each is started through util-linux's
 * `setpriv --pdeathsig SIGTERM`, which asks the kernel to send it SIGTERM when the launcher
 * dies, and then runs the program itself (same PID). Where there is no `setpriv`, the
 * launcher's own stop is all there is, as on a Mac.
 */
import { existsSync } from 'node:fs';

const SETPRIV = '/usr/bin/setpriv';
const usable = process.platform === 'linux' && existsSync(SETPRIV);

/** `command args`, to be spawned by this process, made to end with it where it can be. */
export function endingWithParent(command: string, args: readonly string[]): [string, string[]] {
  if (!usable) return [command, [...args]];
  return [SETPRIV, ['--pdeathsig', 'SIGTERM', '--', command, ...args]];
}
