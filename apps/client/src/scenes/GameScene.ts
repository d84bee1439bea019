/**
 * The world: floor, walls, coins and players, with the camera on our own player. It asks the
 * client to advance once per frame and draws the frame it gets back; it never changes game
 * state itself.
 */
import Phaser from 'phaser';
import type { ArenaClient } from '../game/arena-client.js';
import type { DrawnPlayer, RenderFrame } from '../game/render-frame.js';
import { WALL_THICKNESS_PX, drawArenaFloor } from './arena-floor.js';
import type { DrawnLabels } from './drawn-labels.js';
import { Effects } from './effects.js';
import { stackLabels } from './label-layout.js';
import { PlayerSprite } from './player-sprite.js';

/** Hears every frame's feedback (the sounds). */
export type FeedbackListener = (frame: RenderFrame) => void;

const BACKGROUND_COLOR = '#10131a';
const COIN_COLOR = 0xffd54f;
const COIN_RIM_COLOR = 0xb8860b;
/** Show roughly this many world pixels across the short side of the screen, at most 1:1. */
const VIEW_SHORT_SIDE_PX = 720;
const MIN_ZOOM = 0.45;
/** A spectator sees the whole arena when that zoom is at least this, else follows the leader. */
const MIN_OVERVIEW_ZOOM = 0.4;

function leaderOf(frame: RenderFrame): DrawnPlayer | undefined {
  return [...frame.players].sort((a, b) => b.score - a.score || a.id - b.id)[0];
}

export class GameScene extends Phaser.Scene {
  static readonly KEY = 'GameScene';
  private floor!: Phaser.GameObjects.Graphics;
  private coins!: Phaser.GameObjects.Graphics;
  private readonly sprites = new Map<number, PlayerSprite>();
  private drawnArena = '';
  private effects: Effects | null = null;

  /**
   * `bottomInsetPx()`: how much of the canvas bottom the touch controls cover (0 without
   * them); the camera keeps our player above them, even at the arena's bottom wall.
   */
  constructor(
    private readonly client: ArenaClient,
    private readonly onFeedback: FeedbackListener,
    private readonly labels: DrawnLabels,
    private readonly bottomInsetPx: () => number,
  ) {
    super({ key: GameScene.KEY });
  }

  create(): void {
    this.cameras.main.setBackgroundColor(BACKGROUND_COLOR);
    this.floor = this.add.graphics().setDepth(0);
    this.coins = this.add.graphics().setDepth(0.5);
  }

  override update(): void {
    this.client.advance();
    const frame = this.client.frame;
    if (!frame) {
      this.clearWorld();
      return;
    }
    this.drawFloor(frame);
    this.drawCoins(frame);
    this.syncPlayers(frame);
    this.followCamera(frame);
    this.placeLabels(frame);
    this.effects ??= new Effects(this, frame.playerRadius);
    this.effects.play(frame);
    this.onFeedback(frame);
  }

  private drawFloor(frame: RenderFrame): void {
    const key = `${frame.arena.width}x${frame.arena.height}`;
    if (key === this.drawnArena) return;
    this.drawnArena = key;
    drawArenaFloor(this.floor, frame.arena.width, frame.arena.height);
    this.floor.setVisible(true);
  }

  private drawCoins(frame: RenderFrame): void {
    const g = this.coins.clear();
    g.fillStyle(COIN_COLOR, 1);
    g.lineStyle(2, COIN_RIM_COLOR, 1);
    for (const coin of frame.coins) {
      g.fillCircle(coin.x, coin.y, frame.coinRadius);
      g.strokeCircle(coin.x, coin.y, frame.coinRadius);
    }
  }

  private syncPlayers(frame: RenderFrame): void {
    const seen = new Set<number>();
    for (const player of frame.players) {
      seen.add(player.id);
      const sprite = this.sprites.get(player.id);
      if (sprite) sprite.update(player);
      else this.sprites.set(player.id, new PlayerSprite(this, player, frame.playerRadius));
    }
    for (const [id, sprite] of this.sprites) {
      if (seen.has(id)) continue;
      sprite.destroy();
      this.sprites.delete(id);
    }
  }

  /** Names above their discs, stacked where players crowd so every one stays readable. */
  private placeLabels(frame: RenderFrame): void {
    const zoom = this.cameras.main.zoom;
    const wanted = frame.players.map((p) => this.sprites.get(p.id)!.wantedLabel(p.id, zoom));
    const bottoms = stackLabels(wanted, frame.self?.id ?? 0);
    for (const box of wanted) this.sprites.get(box.id)!.placeLabel(box.x, bottoms.get(box.id)!);
    this.labels.boxes = wanted.map((box) => ({ ...box, bottom: bottoms.get(box.id)! }));
  }

  private followCamera(frame: RenderFrame): void {
    const camera = this.cameras.main;
    if (!frame.self && this.showWholeArena(frame)) return;
    camera.useBounds = true;
    const shortSide = Math.min(this.scale.width, this.scale.height);
    const zoom = Phaser.Math.Clamp(shortSide / VIEW_SHORT_SIDE_PX, MIN_ZOOM, 1);
    camera.setZoom(zoom);
    // The view may go past the bottom wall by what the touch controls cover, so that a player
    // down there is drawn above them rather than under a thumb.
    const inset = this.bottomInsetPx() / zoom;
    const t = WALL_THICKNESS_PX;
    camera.setBounds(-t, -t, frame.arena.width + 2 * t, frame.arena.height + 2 * t + inset);
    // A spectator (no self) on a small screen follows the leader, or the middle if empty.
    const middle = { x: frame.arena.width / 2, y: frame.arena.height / 2 };
    const target = frame.self ?? leaderOf(frame) ?? middle;
    camera.centerOn(target.x, target.y + inset / 2);
  }

  /** The spectator's overview: the arena and its walls fit the screen, centred. */
  private showWholeArena(frame: RenderFrame): boolean {
    const t = WALL_THICKNESS_PX;
    const zoom = Math.min(
      this.scale.width / (frame.arena.width + 2 * t),
      this.scale.height / (frame.arena.height + 2 * t),
    );
    if (zoom < MIN_OVERVIEW_ZOOM) return false;
    const camera = this.cameras.main;
    // The bounds would pin a view larger than the arena to its top-left corner.
    camera.useBounds = false;
    camera.setZoom(zoom);
    camera.centerOn(frame.arena.width / 2, frame.arena.height / 2);
    return true;
  }

  private clearWorld(): void {
    for (const sprite of this.sprites.values()) sprite.destroy();
    this.sprites.clear();
    this.coins.clear();
    this.floor.setVisible(false);
    this.drawnArena = '';
    this.labels.boxes = [];
  }
}
