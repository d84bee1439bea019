/**
 * Keyboard state from DOM events, by physical key (`event.code`), so WASD sits under the same
 * fingers on any layout. Keys typed into a text field never move the player.
 */
import { Button } from '@arena/shared/protocol';
import { TapLatch } from './tap-latch.js';

const KEY_BUTTONS: Readonly<Record<string, Button>> = {
  KeyW: Button.Up,
  ArrowUp: Button.Up,
  KeyS: Button.Down,
  ArrowDown: Button.Down,
  KeyA: Button.Left,
  ArrowLeft: Button.Left,
  KeyD: Button.Right,
  ArrowRight: Button.Right,
  Space: Button.Dash,
};

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export class KeyboardInput {
  private readonly held = new Set<string>();
  private readonly taps = new TapLatch();

  /** Bit set of the buttons held now, or tapped and not yet sent for long enough. */
  buttons(): number {
    let bits = this.taps.pressed;
    for (const code of this.held) bits |= KEY_BUTTONS[code] ?? 0;
    return bits;
  }

  /** `ticks` input ticks carried `buttons()` (Infinity: none could, forget the taps). */
  carried(ticks: number): void {
    this.taps.carried(ticks);
  }

  /**
   * Listens on `target` while `isPlaying()` says the keys belong to the game; then it also
   * stops them from scrolling the page or pressing a focused button.
   */
  attach(target: Window, isPlaying: () => boolean): () => void {
    const down = (event: KeyboardEvent) => {
      if (!Object.hasOwn(KEY_BUTTONS, event.code) || !isPlaying() || isTyping(event.target)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      this.held.add(event.code);
      this.taps.press(KEY_BUTTONS[event.code] ?? 0);
    };
    const up = (event: KeyboardEvent) => {
      this.held.delete(event.code);
    };
    // A key released while another window had focus never sends keyup here.
    const clear = () => this.held.clear();
    target.addEventListener('keydown', down);
    target.addEventListener('keyup', up);
    target.addEventListener('blur', clear);
    return () => {
      target.removeEventListener('keydown', down);
      target.removeEventListener('keyup', up);
      target.removeEventListener('blur', clear);
    };
  }
}
