/**
 * The sound on/off button in the room bar (and the M key when not typing). The choice is
 * remembered on this device; the first key or tap on the page unlocks audio.
 */
import { isTyping } from './keyboard-input.js';
import { saveMuted } from './preferences.js';
import type { SoundBoard } from './sound-board.js';

export function mountMuteButton(sounds: SoundBoard, button: HTMLButtonElement): void {
  const render = () => {
    // Pressed = muted; the icon follows it (style.css).
    button.setAttribute('aria-pressed', String(sounds.muted));
    button.title = sounds.muted ? 'Sounds are off (M)' : 'Sounds are on (M)';
  };
  const toggle = () => {
    sounds.muted = !sounds.muted;
    saveMuted(sounds.muted);
    sounds.unlock();
    render();
  };
  button.addEventListener('click', () => {
    // Focus left on the button would turn Space (dash) into another click.
    button.blur();
    toggle();
  });
  window.addEventListener('keydown', (event) => {
    sounds.unlock();
    if (event.code !== 'KeyM' || isTyping(event.target) || event.repeat) return;
    if (event.ctrlKey || event.metaKey || event.altKey || button.offsetParent === null) return;
    toggle();
  });
  window.addEventListener('pointerdown', () => sounds.unlock());
  render();
}
