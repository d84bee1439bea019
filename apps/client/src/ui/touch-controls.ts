/**
 * A virtual stick and a dash button for touch screens. They only appear once the screen has
 * been touched, so a desktop never sees them.
 */
import { Button } from '@arena/shared/protocol';
import { TapLatch } from './tap-latch.js';

/** Stick travel (fraction of its radius) below which an axis counts as released. */
const DEAD_ZONE = 0.3;

export class TouchControls {
  private stickBits = 0;
  private dashHeld = false;
  private readonly taps = new TapLatch();

  constructor(
    private readonly root: HTMLElement,
    private readonly stick: HTMLElement,
    private readonly knob: HTMLElement,
    private readonly dash: HTMLElement,
  ) {}

  /** Bit set of the buttons held now, or tapped and not yet sent for long enough. */
  buttons(): number {
    return this.stickBits | (this.dashHeld ? Button.Dash : 0) | this.taps.pressed;
  }

  /** `ticks` input ticks carried `buttons()` (Infinity: none could, forget the taps). */
  carried(ticks: number): void {
    this.taps.carried(ticks);
  }

  /** How much of the bottom of the screen the controls cover: 0 while hidden. */
  coveredHeightPx(): number {
    if (this.root.hidden) return 0;
    const top = Math.min(this.stick.offsetTop, this.dash.offsetTop);
    return this.root.clientHeight - top;
  }

  /** Shows the controls while `isPlaying()` and the device has been touched. */
  attach(isPlaying: () => boolean): void {
    let touched = false;
    window.addEventListener('touchstart', () => (touched = true), { once: true, passive: true });
    setInterval(() => {
      const visible = touched && isPlaying();
      if (this.root.hidden === visible) this.root.hidden = !visible;
    }, 250);
    this.watchStick();
    this.dash.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      this.dashHeld = true;
      this.taps.press(Button.Dash);
    });
    for (const type of ['pointerup', 'pointercancel', 'pointerleave'] as const) {
      this.dash.addEventListener(type, () => (this.dashHeld = false));
    }
  }

  private watchStick(): void {
    const move = (event: PointerEvent) => {
      const rect = this.stick.getBoundingClientRect();
      const radius = rect.width / 2;
      let dx = (event.clientX - rect.left - radius) / radius;
      let dy = (event.clientY - rect.top - radius) / radius;
      const length = Math.hypot(dx, dy);
      if (length > 1) [dx, dy] = [dx / length, dy / length];
      this.setStick(dx, dy, radius);
    };
    this.stick.addEventListener('pointerdown', (event) => {
      this.stick.setPointerCapture(event.pointerId);
      move(event);
    });
    this.stick.addEventListener('pointermove', (event) => {
      if (this.stick.hasPointerCapture(event.pointerId)) move(event);
    });
    for (const type of ['pointerup', 'pointercancel'] as const) {
      this.stick.addEventListener(type, () => this.setStick(0, 0, 0));
    }
  }

  private setStick(dx: number, dy: number, radius: number): void {
    let bits = 0;
    if (dx < -DEAD_ZONE) bits |= Button.Left;
    if (dx > DEAD_ZONE) bits |= Button.Right;
    if (dy < -DEAD_ZONE) bits |= Button.Up;
    if (dy > DEAD_ZONE) bits |= Button.Down;
    this.stickBits = bits;
    const travel = radius * 0.6;
    this.knob.style.transform = `translate(${dx * travel}px, ${dy * travel}px)`;
  }
}
