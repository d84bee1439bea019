/**
 * `npm run cluster -- --processes 3`: a whole cluster on one machine, to see it work. Starts a
 * `redis-server` of its own (unless `--redis-url` names one), N server processes sharing it on
 * loopback ports (server-fleet.ts), and one port in front of them all (front-proxy.ts), like
 * nginx would be. Every other flag goes to each server (`--tick-rate-hz 60`), checked before
 * anything starts. A server process that dies is started again after a second, as systemd
 * would (later each time, if it keeps dying as it starts: restart-pacing.ts): kill one
 * (`kill -9 <pid>`) and watch its rooms go on in the others. However the
 * launcher ends (Ctrl-C, SIGTERM, SIGHUP, its output closed, a server that refuses its
 * configuration, an error), it stops everything it started, by PID; killed with SIGKILL, it
 * cannot, and the kernel ends them on Linux (parent-death.ts).
 */
import { shareableUrls } from '../addresses.js';
import { wantsHelp } from '../config-help.js';
import { startFrontProxy, type FrontProxy } from './front-proxy.js';
import {
  LaunchUsageError,
  parseLaunchOptions,
  USAGE,
  type LaunchOptions,
} from './launch-options.js';
import { startLocalRedis, type LocalRedis } from './local-redis.js';
import { ServerExitError, ServerFleet } from './server-fleet.js';
import { stopOnAnyEnd } from './stop-on-any-end.js';

/** Once stdout is closed (EPIPE), the launcher is stopping: nothing more to print there. */
function say(line: string): void {
  if (!process.stdout.destroyed) console.log(line);
}

function sayError(line: string): void {
  if (!process.stderr.destroyed) console.error(line);
}

function banner(options: LaunchOptions, redisUrl: string, proxy: FrontProxy): void {
  const address = proxy.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const links = shareableUrls(options.host, port);
  say(
    [
      `\n  Arena cluster: ${options.processes} server processes sharing ${redisUrl}, behind one port.`,
      `  Local:   ${links.local}`,
      ...links.lan.map((url) => `  Network: ${url}`),
      '  Kill a server process (kill -9 <pid>) to see its rooms go on in the others.\n',
    ].join('\n'),
  );
}

async function startRedis(signal: AbortSignal): Promise<LocalRedis> {
  const redis = await startLocalRedis({ signal, endWithParent: true }).catch((error: Error) => {
    throw new Error(`${error.message}\nInstall redis-server, or give --redis-url.`);
  });
  say(`redis-server ${redis.child.pid} on ${redis.url} (started here, saves nothing)`);
  return redis;
}

async function launch(options: LaunchOptions): Promise<void> {
  // What is started so far: `end` stops it, whenever and however the launcher ends.
  const redisStart = new AbortController();
  let redis: LocalRedis | undefined;
  let fleet: ServerFleet | undefined;
  let proxy: FrontProxy | undefined;
  const end = stopOnAnyEnd('cluster', async () => {
    await proxy?.close();
    await fleet?.stop();
    redisStart.abort();
    await redis?.stop();
  });
  try {
    if (!options.redisUrl) redis = await startRedis(redisStart.signal);
    const redisUrl = options.redisUrl ?? redis!.url;
    fleet = new ServerFleet({
      redisUrl,
      args: options.serverArgs,
      log: say,
      logError: sayError,
      onFatal: (error) => end(error.exitCode, error.message),
    });
    await fleet.startAll(options.processes);
    const servers = fleet;
    proxy = await startFrontProxy(options.host, options.port, () => servers.ports());
    banner(options, redisUrl, proxy);
  } catch (error) {
    const code = error instanceof ServerExitError ? error.exitCode : 1;
    end(code, error instanceof Error ? error.message : String(error));
  }
}

function main(): void {
  // Asking for help is not an error: the usage on stdout, exit code 0, nothing started.
  if (wantsHelp(process.argv.slice(2))) {
    console.log(USAGE);
    process.exit(0);
  }
  let options: LaunchOptions;
  try {
    options = parseLaunchOptions(process.argv.slice(2));
  } catch (error) {
    // Nothing is started yet: say what is wrong and stop.
    const code = error instanceof LaunchUsageError ? error.exitCode : 1;
    console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(code);
  }
  void launch(options);
}

main();
