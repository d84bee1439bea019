import { describe, expect, it } from 'vitest';
import { advance, nextClientCount, startSearch, type StepRule } from '../../src/bench/find-max.js';

const rule: StepRule = {
  factor: 1.25,
  playersPerRoom: 10,
  maxClients: 1000,
  confirmFailures: true,
};
const held = (clients: number) => ({ clients, reasons: [], loadGeneratorSaturated: false });
const failed = (clients: number, saturated = false) => ({
  clients,
  reasons: ['p99 too high'],
  loadGeneratorSaturated: saturated,
});

describe('find-max stepping', () => {
  it('steps × factor in whole rooms, and at least one room', () => {
    expect(nextClientCount(100, rule)).toBe(130);
    expect(nextClientCount(130, rule)).toBe(170);
    expect(nextClientCount(10, rule)).toBe(20);
    expect(nextClientCount(8, { ...rule, playersPerRoom: 8, factor: 1.01 })).toBe(16);
  });

  it('goes up while counts hold and stops at the first confirmed failure', () => {
    let search = startSearch(100);
    search = advance(search, held(100), rule);
    expect(search).toMatchObject({ held: 100, next: 130, failed: null });
    search = advance(search, failed(130), rule);
    // Run again once: one bad moment on a shared machine does not end the search.
    expect(search).toMatchObject({ held: 100, next: 130, retrying: 130, failed: null });
    search = advance(search, failed(130, true), rule);
    expect(search).toMatchObject({ held: 100, next: null });
    expect(search.failed).toEqual({
      clients: 130,
      reasons: ['p99 too high'],
      loadGeneratorSaturated: true,
    });
  });

  it('goes on when the second try holds', () => {
    let search = advance(startSearch(100), failed(100), rule);
    search = advance(search, held(100), rule);
    expect(search).toMatchObject({ held: 100, next: 130, retrying: null });
  });

  it('ends at once on a failure without confirmation, with nothing held', () => {
    const search = advance(startSearch(100), failed(100), { ...rule, confirmFailures: false });
    expect(search).toMatchObject({ held: null, next: null, failed: { clients: 100 } });
  });

  it('stops at the largest count allowed', () => {
    const search = advance(startSearch(900), held(900), rule);
    expect(search).toMatchObject({ held: 900, next: null, failed: null });
  });
});
