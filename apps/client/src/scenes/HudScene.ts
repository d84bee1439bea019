/**
 * The heads-up display above the world: our score, the round and its timer, a small
 * leaderboard, and the scoreboard overlay when a round ends. Reads the client's frame only.
 */
import Phaser from 'phaser';
import type { ArenaClient } from '../game/arena-client.js';
import type { HudState, RenderFrame } from '../game/render-frame.js';
import { formatClock } from '../ui/format-clock.js';
import { scoreboardLines } from './scoreboard-text.js';

const MARGIN_PX = 12;
const LEADERBOARD_ROWS = 8;

const HUD_STYLE: Phaser.Types.GameObjects.Text.TextStyle = {
  fontFamily: 'system-ui, sans-serif',
  fontSize: '18px',
  color: '#ffffff',
  stroke: '#000000',
  strokeThickness: 4,
};

export function hudLine(hud: HudState): string {
  const score = hud.score === null ? 'Watching' : `Score ${hud.score}`;
  const timer =
    hud.phase === 'playing'
      ? `Round ${hud.round} · ${formatClock(hud.secondsLeft)}`
      : `Round ${hud.round} over · next in ${hud.secondsLeft}s`;
  return `${score}   ${timer}`;
}

export class HudScene extends Phaser.Scene {
  static readonly KEY = 'HudScene';
  private status!: Phaser.GameObjects.Text;
  private leaderboard!: Phaser.GameObjects.Text;
  private overlay!: Phaser.GameObjects.Rectangle;
  private scoreboard!: Phaser.GameObjects.Text;

  /** `topInsetPx` says how much of the canvas top the DOM bar covers (it wraps on phones). */
  constructor(
    private readonly client: ArenaClient,
    private readonly topInsetPx: () => number,
  ) {
    super({ key: HudScene.KEY, active: true });
  }

  create(): void {
    this.status = this.add.text(MARGIN_PX, MARGIN_PX, '', HUD_STYLE);
    this.leaderboard = this.add
      .text(0, MARGIN_PX, '', { ...HUD_STYLE, fontSize: '14px', align: 'right' })
      .setOrigin(1, 0);
    this.overlay = this.add.rectangle(0, 0, 10, 10, 0x000000, 0.7).setOrigin(0.5);
    this.scoreboard = this.add
      .text(0, 0, '', { ...HUD_STYLE, fontSize: '20px', align: 'center' })
      .setOrigin(0.5);
  }

  override update(): void {
    const frame = this.client.frame;
    const top = this.topInsetPx() + MARGIN_PX;
    this.status.setY(top);
    this.leaderboard.setY(top);
    this.status.setVisible(frame?.hud != null);
    this.leaderboard.setVisible(frame !== null);
    if (frame?.hud) this.status.setText(hudLine(frame.hud));
    if (frame) this.drawLeaderboard(frame);
    this.drawScoreboard(frame);
  }

  private drawLeaderboard(frame: RenderFrame): void {
    const rows = [...frame.players]
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, LEADERBOARD_ROWS)
      .map((p) => `${p.isSelf ? '▶ ' : ''}${p.name}  ${p.score}`);
    this.leaderboard.setText(rows.join('\n'));
    this.leaderboard.setX(this.scale.width - MARGIN_PX);
  }

  private drawScoreboard(frame: RenderFrame | null): void {
    const ended = frame?.scoreboard ?? null;
    this.overlay.setVisible(ended !== null);
    this.scoreboard.setVisible(ended !== null);
    if (!ended) return;
    this.scoreboard.setText(scoreboardLines(ended, frame?.self?.id ?? 0).join('\n'));
    const { width, height } = this.scale;
    this.scoreboard.setPosition(width / 2, height / 2);
    const bounds = this.scoreboard.getBounds();
    this.overlay.setPosition(width / 2, height / 2).setSize(bounds.width + 48, bounds.height + 40);
  }
}
