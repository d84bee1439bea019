/**
 * Whether anything answers HTTP at the server's address, asked once before any rule runs:
 * otherwise every rule would fail on its own with the same connection error. Any HTTP answer
 * will do; the rules judge the rest. Asked with node:http, as the rules' sockets connect, not
 * with fetch: fetch refuses the ports browsers block (1, 6000, 10080, …) without connecting
 * and says "bad port", which would turn away a server the rules can reach.
 */
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { CommandFailure } from '@arena/devkit';

/** Resolves on any HTTP answer; a `CommandFailure` naming the reason (ECONNREFUSED) otherwise. */
export function reachable(url: string, timeoutMs = 5000): Promise<void> {
  const get = new URL(url).protocol === 'https:' ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    const request = get(url, (response) => {
      response.resume();
      request.destroy();
      resolve();
    });
    request.setTimeout(timeoutMs, () =>
      request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)),
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      reject(new CommandFailure(`cannot reach ${url}: ${error.code ?? error.message}`)),
    );
  });
}
