/**
 * One player on screen: a coloured disc, and its name above it. The name is a separate object
 * above every disc, so no other player ever covers it; the scene stacks names that would
 * overlap (label-layout.ts). Only draws what it is given.
 */
import type Phaser from 'phaser';
import type { DrawnPlayer } from '../game/render-frame.js';
import type { LabelBox } from './label-layout.js';

const NAME_STYLE: Phaser.Types.GameObjects.Text.TextStyle = {
  fontFamily: 'system-ui, sans-serif',
  fontSize: '14px',
  color: '#ffffff',
  stroke: '#000000',
  strokeThickness: 4,
  align: 'center',
};
const SELF_NAME_COLOR = '#ffe082';
const SELF_RING_COLOR = 0xffffff;
const OTHER_RING_COLOR = 0x000000;
const DISCONNECTED_ALPHA = 0.35;
/** Under the name of a player whose connection dropped; the seat is held for them. */
const RECONNECTING_LABEL = 'reconnecting…';
const LABEL_GAP_PX = 4;
/** Above discs (1, ours 2) and effects. */
const LABEL_DEPTH = 3;

export class PlayerSprite {
  private readonly disc: Phaser.GameObjects.Arc;
  private readonly label: Phaser.GameObjects.Text;
  private shownName = '';
  private shownConnected = true;
  private shownColor = -1;

  constructor(
    scene: Phaser.Scene,
    player: DrawnPlayer,
    private readonly radius: number,
  ) {
    this.disc = scene.add.circle(player.x, player.y, radius, player.color);
    this.disc.setDepth(player.isSelf ? 2 : 1);
    // Text objects render the name as text: nothing a player types is ever parsed as markup.
    this.label = scene.add
      .text(0, 0, '', player.isSelf ? { ...NAME_STYLE, color: SELF_NAME_COLOR } : NAME_STYLE)
      .setOrigin(0.5, 1)
      .setDepth(LABEL_DEPTH + (player.isSelf ? 0.5 : 0));
    this.update(player);
  }

  update(player: DrawnPlayer): void {
    const alpha = player.connected ? 1 : DISCONNECTED_ALPHA;
    this.disc.setPosition(player.x, player.y).setAlpha(alpha);
    this.label.setAlpha(alpha);
    if (player.name !== this.shownName || player.connected !== this.shownConnected) {
      this.shownName = player.name;
      this.shownConnected = player.connected;
      this.label.setText(player.connected ? player.name : `${player.name}\n${RECONNECTING_LABEL}`);
    }
    if (player.color !== this.shownColor) {
      this.shownColor = player.color;
      this.disc.setFillStyle(player.color);
    }
    const ringWidth = player.dashing ? 5 : 3;
    this.disc.setStrokeStyle(ringWidth, player.isSelf ? SELF_RING_COLOR : OTHER_RING_COLOR, 0.9);
  }

  /**
   * Where the name would like to be: just above the disc. `zoom` is the camera's: names keep
   * their size on screen when a small screen zooms the world out, so they stay readable.
   */
  wantedLabel(id: number, zoom: number): LabelBox {
    this.label.setScale(1 / zoom);
    return {
      id,
      x: this.disc.x,
      bottom: this.disc.y - this.radius - LABEL_GAP_PX / zoom,
      width: this.label.displayWidth,
      height: this.label.displayHeight,
    };
  }

  placeLabel(x: number, bottom: number): void {
    this.label.setPosition(x, bottom);
  }

  destroy(): void {
    this.disc.destroy();
    this.label.destroy();
  }
}
