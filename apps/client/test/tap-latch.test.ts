import { Button } from '@arena/shared/protocol';
import { describe, expect, it } from 'vitest';
import { MIN_PRESS_TICKS, TapLatch } from '../src/ui/tap-latch.js';

describe('tap latch', () => {
  it('keeps a tap until enough input ticks have carried it, across frames without a tick', () => {
    const latch = new TapLatch();
    latch.press(Button.Dash);
    latch.carried(0); // a rendered frame with no input tick in it
    expect(latch.pressed).toBe(Button.Dash);
    for (let i = 1; i < MIN_PRESS_TICKS; i++) {
      latch.carried(1);
      expect(latch.pressed).toBe(Button.Dash);
    }
    latch.carried(1);
    expect(latch.pressed).toBe(0);
  });

  it('keeps each button for its own ticks, and forgets everything when nothing can be sent', () => {
    const latch = new TapLatch();
    latch.press(Button.Dash | Button.Left);
    latch.carried(MIN_PRESS_TICKS - 1);
    latch.press(Button.Up);
    expect(latch.pressed).toBe(Button.Dash | Button.Left | Button.Up);
    latch.carried(1);
    expect(latch.pressed).toBe(Button.Up);
    latch.carried(Infinity);
    expect(latch.pressed).toBe(0);
  });
});
