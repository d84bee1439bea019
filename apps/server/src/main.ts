/** Entry point: read and validate the configuration, listen, and shut down cleanly on signals. */
import { buildApp, type BuiltApp } from './app.js';
import { linksToShare, startupBanner } from './banner.js';
import { configHelp, wantsHelp } from './config-help.js';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { EXIT_BAD_CONFIG, EXIT_CANNOT_LISTEN } from './exit-codes.js';
import { prettyLogs } from './logger.js';
import { shutDownWithin } from './shutdown.js';

function fail(message: string, code: number): never {
  console.error(`arena: ${message}`);
  process.exit(code);
}

function readConfig(): ServerConfig {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    process.stdout.write(configHelp());
    process.exit(0);
  }
  try {
    return loadConfig(process.env, argv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(`${error.message} (see --help)`, EXIT_BAD_CONFIG);
  }
}

/** What the system's refusal to listen means, in the words of the settings that caused it. */
function listenFailure(code: string | undefined, config: ServerConfig): string | undefined {
  const where = `PORT=${config.PORT} HOST=${config.HOST}`;
  if (code === 'EADDRINUSE')
    return `port ${config.PORT} is already in use (${where}); stop what uses it, or choose another port with PORT or --port`;
  if (code === 'EACCES')
    return `port ${config.PORT} needs privileges this user lacks (${where}); use a port above 1023 behind a proxy`;
  if (code === 'EADDRNOTAVAIL')
    return `${config.HOST} is not an address of this machine (${where}); use HOST=0.0.0.0 or one of its addresses`;
  return undefined;
}

async function listen(built: BuiltApp, config: ServerConfig): Promise<number> {
  try {
    await built.app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    const message = listenFailure((error as NodeJS.ErrnoException).code, config);
    if (message) fail(message, EXIT_CANNOT_LISTEN);
    throw error;
  }
  const address = built.app.server.address();
  return typeof address === 'object' && address ? address.port : config.PORT;
}

async function main(): Promise<void> {
  const config = readConfig();
  const built = await buildApp(config);
  const port = await listen(built, config);
  const links = linksToShare(config, port);
  built.app.log.info({ port, local: links.local, lan: links.lan }, 'Arena is running');
  if (prettyLogs(config)) process.stderr.write(await startupBanner(config, port));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    built.app.log.info({ signal }, 'shutting down');
    void shutDownWithin(built, config.SHUTDOWN_GRACE_MS + 3000).then((code) => process.exit(code));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
