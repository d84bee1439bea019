/**
 * `?renderer=canvas` or `?renderer=webgl` picks Phaser's renderer (default: WebGL where the
 * browser has it, else canvas), so frame times can be measured with each; the renderer in use
 * is written on the game's container as `data-renderer` once Phaser has booted.
 */
import Phaser from 'phaser';

const RENDERERS = { auto: Phaser.AUTO, canvas: Phaser.CANVAS, webgl: Phaser.WEBGL } as const;
export type RendererChoice = keyof typeof RENDERERS;

/** The renderer asked for in a page's query string; an unknown name means the default. */
export function rendererFromQuery(search: string): RendererChoice {
  const asked = new URLSearchParams(search).get('renderer');
  return asked !== null && asked in RENDERERS ? (asked as RendererChoice) : 'auto';
}

export function phaserRendererType(choice: RendererChoice): number {
  return RENDERERS[choice];
}

/** The renderer Phaser actually runs (an asked-for WebGL may not be available). */
export function rendererInUse(game: Phaser.Game): 'canvas' | 'webgl' {
  return game.renderer.type === Phaser.WEBGL ? 'webgl' : 'canvas';
}
