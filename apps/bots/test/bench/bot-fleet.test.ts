import { describe, expect, it } from 'vitest';
import { shares } from '../../src/bench/fleet/bot-fleet.js';

describe('bot processes', () => {
  it('share the clients out evenly, never with an empty process', () => {
    expect(shares(7, 2)).toEqual([4, 3]);
    expect(shares(1, 3)).toEqual([1]);
  });
});
