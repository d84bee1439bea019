/**
 * nginx around HOSTING.md's server block, in a folder of its own: the wrapper gives it the
 * `events` and `http` contexts a site file lives in, and points every path nginx writes (pid,
 * logs, temporary files) into that folder, so a test touches nothing under /etc or /var.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from './host-tools.js';

function wrapper(dir: string): string {
  const temp = (name: string) => `${name}_temp_path ${join(dir, 'tmp', name)};`;
  return `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  include ${join(dir, 'arena.conf')};
}
`;
}

/** Writes the site file and its wrapper into `dir`; returns nginx's arguments for them. */
export function nginxWithSite(dir: string, site: string): string[] {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  writeFileSync(join(dir, 'arena.conf'), site);
  writeFileSync(join(dir, 'nginx.conf'), wrapper(dir));
  // -e: the error log before the configuration is read, which would otherwise be /var/log's.
  return ['-p', `${dir}/`, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')];
}

/** A self-signed certificate for localhost, where the site expects Let's Encrypt's. */
export function selfSignedCertificate(openssl: string, dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const made = runTool(openssl, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  if (made.status !== 0) throw new Error(`openssl failed:\n${made.output}`);
  return { cert, key };
}
