/** Entry point: read and validate the configuration, listen, and shut down cleanly on signals. */
import { buildApp } from './app.js';
import { shareableUrls } from './addresses.js';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { terminalQr } from './qr.js';
import { shutDownWithin } from './shutdown.js';

function readConfig(): ServerConfig {
  try {
    return loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`arena: ${error.message}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const built = await buildApp(config);
  await built.app.listen({ port: config.PORT, host: config.HOST });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const urls = shareableUrls(config.HOST, port);
  built.app.log.info({ local: urls.local, lan: urls.lan }, 'Arena is running');
  console.log(`\n  Arena is running.\n  Local:   ${urls.local}`);
  for (const url of urls.lan)
    console.log(`  Network: ${url}   <- share this with friends on your network`);
  const phoneLink = urls.lan[0];
  if (phoneLink && process.stdout.isTTY)
    console.log(`\n  Scan to play on a phone:\n${await terminalQr(phoneLink)}`);
  console.log('');

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
