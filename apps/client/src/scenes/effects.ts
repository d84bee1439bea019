/**
 * The game's feel, drawn: a gold burst where a coin is picked up (and "+1" over us), a trail
 * behind a dashing player, a flash and a shake when a dash hits, a burst of colour when we
 * win. Phaser's particles and tweens do the work; this only says when and where.
 */
import type Phaser from 'phaser';
import type { Feedback } from '../game/feedback.js';
import type { DrawnPlayer, RenderFrame } from '../game/render-frame.js';

const SPARK_TEXTURE = 'spark';
const SPARK_SIZE_PX = 8;
const COIN_COLOR = 0xffd54f;
const HIT_COLORS = [0xffffff, 0xff5252];
const WIN_COLORS = [0xffd54f, 0x69f0ae, 0x40c4ff, 0xff4081];
/** Above the floor and coins, below the players. */
const EFFECTS_DEPTH = 0.8;

function makeSparkTexture(scene: Phaser.Scene): void {
  if (scene.textures.exists(SPARK_TEXTURE)) return;
  const g = scene.make.graphics({}, false);
  g.fillStyle(0xffffff, 1).fillCircle(SPARK_SIZE_PX / 2, SPARK_SIZE_PX / 2, SPARK_SIZE_PX / 2);
  g.generateTexture(SPARK_TEXTURE, SPARK_SIZE_PX, SPARK_SIZE_PX);
  g.destroy();
}

export class Effects {
  private readonly bursts: Phaser.GameObjects.Particles.ParticleEmitter;
  private readonly trail: Phaser.GameObjects.Particles.ParticleEmitter;

  constructor(
    private readonly scene: Phaser.Scene,
    playerRadius: number,
  ) {
    makeSparkTexture(scene);
    this.bursts = scene.add
      .particles(0, 0, SPARK_TEXTURE, {
        speed: { min: 80, max: 240 },
        lifespan: 450,
        scale: { start: 1.2, end: 0 },
        alpha: { start: 1, end: 0 },
        emitting: false,
      })
      .setDepth(EFFECTS_DEPTH);
    // A fading copy of the disc, left behind every frame of a dash.
    const discScale = (2 * playerRadius) / SPARK_SIZE_PX;
    this.trail = scene.add
      .particles(0, 0, SPARK_TEXTURE, {
        speed: 0,
        lifespan: 260,
        scale: { start: discScale * 0.8, end: discScale * 0.2 },
        alpha: { start: 0.45, end: 0 },
        emitting: false,
      })
      .setDepth(EFFECTS_DEPTH);
  }

  /** Plays this frame's feedback and draws the trails of everyone dashing. */
  play(frame: RenderFrame): void {
    for (const event of frame.feedback) this.playOne(event, frame.self);
    for (const player of frame.players) {
      if (!player.dashing) continue;
      this.trail.particleTint = player.color;
      this.trail.emitParticleAt(player.x, player.y, 1);
    }
  }

  private playOne(event: Feedback, self: DrawnPlayer | null): void {
    switch (event.kind) {
      case 'pickup':
        this.burst(event.x, event.y, [COIN_COLOR], 10);
        if (event.self && self) this.floatText(self.x, self.y, '+1', '#ffd54f');
        return;
      case 'dash':
        this.burst(event.x, event.y, [event.color], 6);
        return;
      case 'hit':
        this.burst(event.x, event.y, HIT_COLORS, 16);
        if (event.self) this.scene.cameras.main.shake(180, 0.006);
        return;
      case 'round-over':
        if (event.won && self) {
          this.burst(self.x, self.y, WIN_COLORS, 40);
          this.floatText(self.x, self.y, event.tie ? 'Tie!' : 'You win!', '#69f0ae');
        }
        return;
    }
  }

  private burst(x: number, y: number, colors: readonly number[], count: number): void {
    this.bursts.particleTint = [...colors];
    this.bursts.explode(count, x, y);
  }

  /** Text that rises and fades above a point. */
  private floatText(x: number, y: number, text: string, color: string): void {
    const label = this.scene.add
      .text(x, y - 36, text, {
        fontFamily: 'system-ui, sans-serif',
        fontSize: '20px',
        fontStyle: 'bold',
        color,
        stroke: '#000000',
        strokeThickness: 4,
      })
      .setOrigin(0.5)
      .setDepth(4);
    this.scene.tweens.add({
      targets: label,
      y: y - 84,
      alpha: 0,
      duration: 800,
      ease: 'Cubic.easeOut',
      onComplete: () => label.destroy(),
    });
  }
}
