/**
 * A loopback port that was free a moment ago, for programs that cannot listen on port 0 and
 * say which port they got (nginx, Prometheus, Vite). Another process may take it in between;
 * the game server itself is started on port 0 instead (`startServerProcess`).
 */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
