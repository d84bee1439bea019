/** Starts a real Arena server on a free loopback port, for one test. */
import {
  buildApp,
  testConfig,
  type BuildOptions,
  type GameServices,
  type ServerConfig,
} from '@arena/server';
import type { FastifyInstance } from 'fastify';

export interface TestServer {
  url: string;
  port: number;
  app: FastifyInstance;
  services: GameServices;
  close: () => Promise<void>;
}

export async function startServer(
  overrides: Partial<ServerConfig> = {},
  options: BuildOptions = {},
): Promise<TestServer> {
  const built = await buildApp(testConfig(overrides), options);
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    app: built.app,
    services: built.services,
    close: () => built.app.close(),
  };
}
