/**
 * Predicted coin pickups. A coin our predicted player touches vanishes at once and the score
 * shows +1, before the server has said anything. Once the server has applied the input that
 * touched it (its ack passed that seq), the snapshot decides: coin gone and score up, kept;
 * coin still there (or score not up), the coin comes back and the +1 goes away.
 *
 * Nothing is ever "undone" by hand: what is drawn is always the server's coins and score plus
 * the pickups not yet judged, so a rollback is just one fewer pending pickup. Replays rebuild
 * the pending list, so a corrected path that no longer touches a coin brings it back at once.
 */
import type { SnapshotCoin } from '../protocol/snapshot.js';
import { touchesCoin } from '../sim/coins.js';
import type { SimConfig } from '../sim/config.js';
import { RoundPhase, type PlayerState } from '../sim/world.js';
import type { PredictionObserver } from './prediction.js';

interface Pickup {
  coinId: number;
  seq: number;
}

export interface PickupStats {
  predicted: number;
  confirmed: number;
  rolledBack: number;
}

export class PredictedPickups implements PredictionObserver {
  private coins: readonly SnapshotCoin[] = [];
  private playing = false;
  private pending: Pickup[] = [];
  private candidates: Set<number> | undefined;
  private serverScore = 0;
  private lastServerScore: number | undefined;
  private readonly reach: number;
  readonly stats: PickupStats = { predicted: 0, confirmed: 0, rolledBack: 0 };

  constructor(config: SimConfig) {
    this.reach = config.playerRadius + config.coinRadius;
  }

  /** Call with each snapshot, before `Predictor.reconcile`. */
  onSnapshot(
    coins: readonly SnapshotCoin[],
    serverScore: number,
    ackedSeq: number,
    phase: RoundPhase,
  ): void {
    const judged = this.pending.filter((p) => p.seq <= ackedSeq);
    this.pending = this.pending.filter((p) => p.seq > ackedSeq);
    let rise = this.lastServerScore === undefined ? 0 : serverScore - this.lastServerScore;
    for (const pickup of judged) {
      const stillThere = coins.some((c) => c.id === pickup.coinId);
      if (!stillThere && rise > 0) {
        this.stats.confirmed += 1;
        rise -= 1;
      } else {
        this.stats.rolledBack += 1;
      }
    }
    this.coins = coins;
    this.playing = phase === RoundPhase.Playing;
    this.serverScore = serverScore;
    this.lastServerScore = serverScore;
  }

  beginReplay(): void {
    this.candidates = new Set(this.pending.map((p) => p.coinId));
    this.pending = [];
  }

  observe(state: Readonly<PlayerState>, seq: number): void {
    if (!this.playing) return;
    for (const coin of this.coins) {
      if (!touchesCoin(state, coin, this.reach) || this.isPending(coin.id)) continue;
      this.pending.push({ coinId: coin.id, seq });
      if (!this.candidates?.has(coin.id)) this.stats.predicted += 1;
    }
  }

  endReplay(): void {
    for (const coinId of this.candidates ?? []) {
      if (!this.isPending(coinId)) this.stats.rolledBack += 1;
    }
    this.candidates = undefined;
  }

  private isPending(coinId: number): boolean {
    return this.pending.some((p) => p.coinId === coinId);
  }

  /** Coins to draw: the server's, minus the ones we have just picked up. */
  visibleCoins(): SnapshotCoin[] {
    return this.coins.filter((c) => !this.isPending(c.id));
  }

  /** Score to show: the server's, plus pickups it has not judged yet. */
  get displayScore(): number {
    return this.serverScore + this.pending.length;
  }

  get pendingCount(): number {
    return this.pending.length;
  }
}
