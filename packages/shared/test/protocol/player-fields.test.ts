import { describe, expect, it } from 'vitest';
import { SnapshotDecoder, encodeKeyframe } from '../../src/protocol/snapshot-codec.js';
import { PLAYER_FIELDS, playerStateOf } from '../../src/protocol/player-fields.js';
import { addPlayer, createWorld, RoundPhase } from '../../src/sim/index.js';

describe('the player field table', () => {
  it('has a row for every field a player starts with, so all of them travel', () => {
    const player = addPlayer(createWorld(1), 7).players[0]!;
    const names = ['id', ...PLAYER_FIELDS.map((f) => f.name)];
    expect(names.sort()).toEqual(Object.keys(player).sort());
  });

  it('carries a player through a snapshot and back to the sim state exactly', () => {
    const state = {
      id: 7,
      x: 100.0625,
      y: 31.5,
      vx: -240,
      vy: 12.25,
      score: 3,
      dashTicks: 2,
      dashCooldownTicks: 40,
      lastButtons: 0b1_0100,
    };
    const bytes = encodeKeyframe(
      {
        tick: 1,
        serverTimeMs: 0,
        round: { number: 1, phase: RoundPhase.Playing, ticksLeft: 10 },
        players: [{ ...state, connected: false }],
        coins: [],
        acks: [{ playerId: 7, seq: 0 }],
      },
      30,
    );
    const decoded = new SnapshotDecoder().decode(bytes).players[0]!;
    expect(decoded.connected).toBe(false);
    expect(playerStateOf(decoded)).toEqual(state);
  });
});
