/** Serves the built browser client (apps/client/dist) from `/`, if it has been built. */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export async function registerClientFiles(app: FastifyInstance, clientDir: string): Promise<void> {
  if (!existsSync(join(clientDir, 'index.html'))) {
    app.log.warn({ clientDir }, 'the client is not built; run `npm run build` (npm start does it)');
    app.get('/', (_request, reply) =>
      reply
        .code(503)
        .type('text/plain')
        .send('The game client is not built yet: run `npm run build`.'),
    );
    return;
  }
  await app.register(fastifyStatic, { root: clientDir, index: 'index.html' });
}
