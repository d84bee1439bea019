/**
 * Above the world, inside the canvas: only the scoreboard when a round ends (the score, timer
 * and leaderboard live in the page's HUD panel, beside the canvas, not on top of the arena).
 * The scoreboard is scaled down to fit a small canvas. Reads the client's frame only.
 */
import Phaser from 'phaser';
import type { ArenaClient } from '../game/arena-client.js';
import type { RenderFrame } from '../game/render-frame.js';
import { scoreboardLines } from './scoreboard-text.js';

const MARGIN_PX = 12;
const PADDING_PX = 20;

export class HudScene extends Phaser.Scene {
  static readonly KEY = 'HudScene';
  private overlay!: Phaser.GameObjects.Rectangle;
  private scoreboard!: Phaser.GameObjects.Text;

  constructor(private readonly client: ArenaClient) {
    super({ key: HudScene.KEY, active: true });
  }

  create(): void {
    this.overlay = this.add.rectangle(0, 0, 10, 10, 0x000000, 0.75).setOrigin(0.5);
    this.scoreboard = this.add
      .text(0, 0, '', {
        fontFamily: 'system-ui, sans-serif',
        fontSize: '20px',
        color: '#ffffff',
        stroke: '#000000',
        strokeThickness: 4,
        align: 'center',
      })
      .setOrigin(0.5);
  }

  override update(): void {
    this.drawScoreboard(this.client.frame);
  }

  private drawScoreboard(frame: RenderFrame | null): void {
    const ended = frame?.scoreboard ?? null;
    this.overlay.setVisible(ended !== null);
    this.scoreboard.setVisible(ended !== null);
    if (!ended) return;
    this.scoreboard.setText(scoreboardLines(ended, frame?.self?.id ?? 0).join('\n'));
    const { width, height } = this.scale;
    // Fits the canvas whatever its size: a phone's is narrow, a spectator's may be short.
    const room = {
      width: width - 2 * (MARGIN_PX + PADDING_PX),
      height: height - 2 * MARGIN_PX - 2 * PADDING_PX,
    };
    const fit = Math.min(
      1,
      room.width / this.scoreboard.width,
      room.height / this.scoreboard.height,
    );
    this.scoreboard.setScale(fit).setPosition(width / 2, height / 2);
    this.overlay
      .setPosition(width / 2, height / 2)
      .setSize(
        this.scoreboard.displayWidth + 2 * PADDING_PX,
        this.scoreboard.displayHeight + 2 * PADDING_PX,
      );
  }
}
