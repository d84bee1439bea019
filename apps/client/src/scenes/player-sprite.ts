/** One player on screen: a coloured disc with the name above it. Only draws what it is given. */
import type Phaser from 'phaser';
import type { DrawnPlayer } from '../game/render-frame.js';

const NAME_STYLE: Phaser.Types.GameObjects.Text.TextStyle = {
  fontFamily: 'system-ui, sans-serif',
  fontSize: '14px',
  color: '#ffffff',
  stroke: '#000000',
  strokeThickness: 3,
  align: 'center',
};
const SELF_RING_COLOR = 0xffffff;
const OTHER_RING_COLOR = 0x000000;
const DISCONNECTED_ALPHA = 0.35;
/** Under the name of a player whose connection dropped; the seat is held for them. */
const RECONNECTING_LABEL = 'reconnecting…';

export class PlayerSprite {
  private readonly container: Phaser.GameObjects.Container;
  private readonly disc: Phaser.GameObjects.Arc;
  private readonly label: Phaser.GameObjects.Text;
  private shownName = '';
  private shownConnected = true;
  private shownColor = -1;

  constructor(scene: Phaser.Scene, player: DrawnPlayer, radius: number) {
    this.disc = scene.add.circle(0, 0, radius, player.color);
    // Text objects render the name as text: nothing a player types is ever parsed as markup.
    this.label = scene.add.text(0, -radius - 4, '', NAME_STYLE).setOrigin(0.5, 1);
    this.container = scene.add.container(player.x, player.y, [this.disc, this.label]);
    this.container.setDepth(player.isSelf ? 2 : 1);
    this.update(player);
  }

  update(player: DrawnPlayer): void {
    this.container.setPosition(player.x, player.y);
    this.container.setAlpha(player.connected ? 1 : DISCONNECTED_ALPHA);
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

  destroy(): void {
    this.container.destroy();
  }
}
