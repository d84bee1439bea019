/**
 * Upgrade requests for paths nobody serves, some one character away from the game's own: each
 * is answered with a 404 and its socket closed within a second, and none of them costs the
 * honest players anything.
 */
import { STRAY_ANSWER_MS, strayUpgrades } from '@arena/bots/attack';
import { describe, expect, it } from 'vitest';
import { serverPerTest } from '../../support/server-per-test.js';
import { run, underAttack } from '../../support/under-attack.js';

const ctx = serverPerTest();

describe('stray upgrade requests', () => {
  it('are answered 404 and closed within a second', async () => {
    const { outcome } = await underAttack(ctx, { rssGrowthMb: 100 }, (server) =>
      run(strayUpgrades, server, 2500),
    );
    const { 'slowest-ms': slowestMs, ...outcomes } = outcome;
    expect(Object.keys(outcomes)).toEqual(['404-closed']);
    expect(outcomes['404-closed']).toBeGreaterThan(8);
    expect(slowestMs).toBeLessThanOrEqual(STRAY_ANSWER_MS);
  });
});
