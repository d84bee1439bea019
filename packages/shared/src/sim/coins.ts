/** Coins appear at seeded random places while a round is on; touching one scores a point. */
import { quantizePosition } from './quantize.js';
import { nextRandom } from './random.js';
import type { TickConstants } from './config.js';
import type { CoinState, PlayerState, World } from './world.js';

/** Adds a coin when one is due. Mutates `world` (the one `stepInPlace` advances). */
export function spawnCoins(world: World, k: TickConstants): void {
  const { config } = world;
  if (world.coins.length >= config.maxCoins || world.tick % k.coinSpawnTicks !== 0) return;
  const margin = config.coinRadius * 2;
  const rx = nextRandom(world.rngState);
  const ry = nextRandom(rx.state);
  world.rngState = ry.state;
  world.coins.push({
    id: world.nextCoinId,
    x: quantizePosition(margin + rx.value * (config.arenaWidth - 2 * margin)),
    y: quantizePosition(margin + ry.value * (config.arenaHeight - 2 * margin)),
  });
  world.nextCoinId = (world.nextCoinId % 0xffff) + 1;
}

export function touchesCoin(player: PlayerState, coin: CoinState, reach: number): boolean {
  const dx = coin.x - player.x;
  const dy = coin.y - player.y;
  return dx * dx + dy * dy < reach * reach;
}

/**
 * Players (in id order) pick up every coin they touch. The coins left keep their order; the
 * array is compacted in place (no new array per player per tick).
 */
export function collectCoins(world: World): void {
  const reach = world.config.playerRadius + world.config.coinRadius;
  const coins = world.coins;
  for (const player of world.players) {
    let kept = 0;
    for (let i = 0; i < coins.length; i++) {
      const coin = coins[i]!;
      if (touchesCoin(player, coin, reach)) {
        player.score += 1;
        world.events.push({ type: 'coin-picked', playerId: player.id, coinId: coin.id });
        continue;
      }
      if (kept !== i) coins[kept] = coin;
      kept += 1;
    }
    if (kept < coins.length) coins.length = kept;
  }
}
