/**
 * The start-up banner, for people: the links to share with friends and a QR code for phones.
 * It goes to stderr, so stdout stays the log; the log has the same links as fields.
 */
import { shareableUrls } from './addresses.js';
import type { ServerConfig } from './config.js';
import { terminalQr } from './qr.js';

/** The links players open: this server's, or in development Vite's, which has the live client. */
export function linksToShare(config: ServerConfig, port: number): { local: string; lan: string[] } {
  return shareableUrls(config.HOST, config.DEV_CLIENT_PORT || port);
}

export async function startupBanner(config: ServerConfig, port: number): Promise<string> {
  const links = linksToShare(config, port);
  const dev = config.DEV_CLIENT_PORT !== 0;
  const lines = [
    '',
    dev
      ? `  Arena is running (development: the live client is Vite's, on :${config.DEV_CLIENT_PORT}).`
      : '  Arena is running.',
    `  Local:   ${links.local}`,
    ...links.lan.map((url) => `  Network: ${url}   <- share this with friends on your network`),
  ];
  if (dev)
    lines.push(`  (The game server itself is on :${port}; its own page there is the last build.)`);
  const phoneLink = links.lan[0];
  if (phoneLink) lines.push('', '  Scan to play on a phone:', await terminalQr(phoneLink));
  lines.push('');
  return lines.join('\n');
}
