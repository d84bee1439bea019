/**
 * A Lua script run by its SHA1 (EVALSHA), loaded with EVAL the first time a Redis has not
 * seen it (a new server, or one restarted without its script cache).
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-link.js';

export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClient, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}
