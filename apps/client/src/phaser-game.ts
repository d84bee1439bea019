/** The Phaser game: one canvas that fills its container and follows the container's size. */
import Phaser from 'phaser';
import type { ArenaClient } from './game/arena-client.js';
import { phaserRendererType, rendererInUse, type RendererChoice } from './renderer-choice.js';
import type { DrawnLabels } from './scenes/drawn-labels.js';
import { GameScene, type FeedbackListener } from './scenes/GameScene.js';
import { HudScene } from './scenes/HudScene.js';

export interface PhaserOptions {
  /** The element the canvas fills; the page's layout keeps the HUD and chat out of it. */
  parent: HTMLElement;
  client: ArenaClient;
  /** Hears each frame's feedback (pickups, dashes, hits, wins): the sounds. */
  onFeedback: FeedbackListener;
  labels: DrawnLabels;
  /** How much of the canvas bottom the touch controls cover (0 when hidden). */
  bottomInsetPx: () => number;
  renderer: RendererChoice;
}

export function startPhaser(options: PhaserOptions): Phaser.Game {
  const { parent, client, onFeedback, labels, bottomInsetPx } = options;
  const game = new Phaser.Game({
    type: phaserRendererType(options.renderer),
    parent,
    backgroundColor: '#10131a',
    banner: false,
    // Sounds are WebAudio tones of our own (ui/sound-board.ts); Phaser's audio stays off, which
    // also keeps an AudioContext warning out of the console before the first gesture.
    audio: { noAudio: true },
    // Keys are read from DOM events (ui/keyboard-input.ts); Phaser must not capture them, or
    // typing a name with W, A, S or D in it would break.
    input: { keyboard: false },
    scale: {
      mode: Phaser.Scale.RESIZE,
      width: '100%',
      height: '100%',
    },
    scene: [new GameScene(client, onFeedback, labels, bottomInsetPx), new HudScene(client)],
  });
  game.events.once(Phaser.Core.Events.READY, () => {
    parent.dataset.renderer = rendererInUse(game);
  });
  return game;
}
