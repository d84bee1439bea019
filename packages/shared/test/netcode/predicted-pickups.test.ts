import { describe, expect, it } from 'vitest';
import { PredictedPickups } from '../../src/netcode/predicted-pickups.js';
import { Predictor } from '../../src/netcode/prediction.js';
import { Button } from '../../src/protocol/buttons.js';
import { DEFAULT_SIM_CONFIG, RoundPhase } from '../../src/sim/index.js';
import { restingPlayer } from '../sim/fixtures.js';

const player = restingPlayer({ id: 1, x: 100, y: 100 });
/** A coin just right of the player: one tick of walking right touches it. */
const coin = { id: 9, x: 131, y: 100 };

function setup() {
  const pickups = new PredictedPickups(DEFAULT_SIM_CONFIG);
  const predictor = new Predictor(DEFAULT_SIM_CONFIG, player, { observer: pickups });
  pickups.onSnapshot([coin], 0, 0, RoundPhase.Playing);
  predictor.reconcile(player, 0);
  return { pickups, predictor };
}

describe('PredictedPickups', () => {
  it('hides a touched coin and shows +1 at once', () => {
    const { pickups, predictor } = setup();
    predictor.applyLocalInput(1, Button.Right);
    expect(pickups.visibleCoins()).toEqual([]);
    expect(pickups.displayScore).toBe(1);
    expect(pickups.stats.predicted).toBe(1);
  });

  it('keeps it when the server agrees', () => {
    const { pickups, predictor } = setup();
    predictor.applyLocalInput(1, Button.Right);
    pickups.onSnapshot([], 1, 1, RoundPhase.Playing);
    predictor.reconcile({ ...predictor.state, score: 1 }, 1);
    expect(pickups.visibleCoins()).toEqual([]);
    expect(pickups.displayScore).toBe(1);
    expect(pickups.stats).toEqual({ predicted: 1, confirmed: 1, rolledBack: 0 });
  });

  it('brings the coin back and takes the point away when the server still has the coin', () => {
    const { pickups, predictor } = setup();
    predictor.applyLocalInput(1, Button.Right);
    // The server says we never moved (we were bumped): the coin is still there.
    pickups.onSnapshot([coin], 0, 1, RoundPhase.Playing);
    predictor.reconcile(player, 1);
    expect(pickups.visibleCoins()).toEqual([coin]);
    expect(pickups.displayScore).toBe(0);
    expect(pickups.stats.rolledBack).toBe(1);
  });

  it('rolls back the point when someone else took the coin first', () => {
    const { pickups, predictor } = setup();
    predictor.applyLocalInput(1, Button.Right);
    pickups.onSnapshot([], 0, 1, RoundPhase.Playing);
    expect(pickups.displayScore).toBe(0);
    expect(pickups.stats.rolledBack).toBe(1);
  });

  it('brings a coin back at once when a replay no longer touches it', () => {
    const { pickups, predictor } = setup();
    predictor.applyLocalInput(1, Button.Right);
    predictor.applyLocalInput(2, 0);
    // Not acknowledged yet, but the server moved us away: the replay misses the coin.
    pickups.onSnapshot([coin], 0, 0, RoundPhase.Playing);
    predictor.reconcile({ ...player, y: 400 }, 0);
    expect(pickups.visibleCoins()).toEqual([coin]);
    expect(pickups.displayScore).toBe(0);
  });

  it('predicts nothing between rounds', () => {
    const { pickups, predictor } = setup();
    pickups.onSnapshot([coin], 0, 0, RoundPhase.Intermission);
    predictor.applyLocalInput(1, Button.Right);
    expect(pickups.displayScore).toBe(0);
  });
});
