/** The Phaser game: one canvas that fills its container and follows the window's size. */
import Phaser from 'phaser';
import type { ArenaClient } from './game/arena-client.js';
import { phaserRendererType, rendererInUse, type RendererChoice } from './renderer-choice.js';
import { GameScene } from './scenes/GameScene.js';
import { HudScene } from './scenes/HudScene.js';

export interface PhaserOptions {
  parent: HTMLElement;
  client: ArenaClient;
  /** Height of whatever DOM covers the top of the canvas; the HUD starts below it. */
  topInsetPx: () => number;
  renderer: RendererChoice;
}

export function startPhaser(options: PhaserOptions): Phaser.Game {
  const { parent, client, topInsetPx } = options;
  const game = new Phaser.Game({
    type: phaserRendererType(options.renderer),
    parent,
    backgroundColor: '#10131a',
    banner: false,
    // No sounds yet; this also keeps an AudioContext warning out of the console.
    audio: { noAudio: true },
    // Keys are read from DOM events (ui/keyboard-input.ts); Phaser must not capture them, or
    // typing a name with W, A, S or D in it would break.
    input: { keyboard: false },
    scale: {
      mode: Phaser.Scale.RESIZE,
      width: '100%',
      height: '100%',
    },
    scene: [new GameScene(client), new HudScene(client, topInsetPx)],
  });
  game.events.once(Phaser.Core.Events.READY, () => {
    parent.dataset.renderer = rendererInUse(game);
  });
  return game;
}
