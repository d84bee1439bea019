/** The links a host shares: localhost and every LAN address of this machine. */
import { networkInterfaces } from 'node:os';

export function shareableUrls(host: string, port: number): { local: string; lan: string[] } {
  const local = `http://localhost:${port}/`;
  const listensEverywhere = host === '0.0.0.0' || host === '::';
  if (!listensEverywhere) return { local: `http://${host}:${port}/`, lan: [] };
  const lan: string[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) lan.push(`http://${entry.address}:${port}/`);
    }
  }
  return { local, lan };
}
