/**
 * The helper that runs the real server as a process. Starting one that works is what the
 * shutdown and browser tests do all day; here, one that cannot start.
 */
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../src/server-process.js';

describe('startServerProcess', () => {
  it('rejects with what the server printed when it exits instead of listening', async () => {
    const started = startServerProcess({ env: { TICK_RATE_HZ: 'fast' } });
    await expect(started).rejects.toThrow(/did not become healthy[\s\S]*TICK_RATE_HZ/);
  }, 30_000);
});
