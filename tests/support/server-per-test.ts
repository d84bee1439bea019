/**
 * The setup every integration file shares: a fresh server before each test, and after it
 * every socket the test opened closed and the server stopped.
 */
import type { BuildOptions, ServerConfig } from '@arena/server';
import { afterEach, beforeEach } from 'vitest';
import { closeAll, type PlayerSocket } from './player.js';
import { startServer, type TestServer } from './server.js';

export interface ServerPerTest {
  /** This test's server. */
  readonly server: TestServer;
  /** Sockets to close after the test: push every one you open. */
  readonly sockets: PlayerSocket[];
  /** Replaces this test's server with one of another configuration. */
  restartWith: (overrides: Partial<ServerConfig>) => Promise<TestServer>;
  /** Runs `cleanup` after this test, before its sockets close (e.g. to stop a player's loop). */
  afterTest: (cleanup: () => void) => void;
}

export function serverPerTest(
  overrides: Partial<ServerConfig> = {},
  options: BuildOptions = {},
): ServerPerTest {
  let current: TestServer | undefined;
  const sockets: PlayerSocket[] = [];
  const cleanups: (() => void)[] = [];
  beforeEach(async () => {
    current = await startServer(overrides, options);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    closeAll(sockets);
    await current?.close();
    current = undefined;
  });
  return {
    get server() {
      if (!current) throw new Error('the server runs only during a test');
      return current;
    },
    sockets,
    restartWith: async (next) => {
      closeAll(sockets);
      await current?.close();
      current = await startServer({ ...overrides, ...next }, options);
      return current;
    },
    afterTest: (cleanup) => cleanups.push(cleanup),
  };
}
