/**
 * The floor's clock: ticks at a fixed rate however late the timer wakes (each wake runs the
 * ticks that are due, each stamped with the time it was due), catching up at most a few
 * after a stall, as Arena's game loop does.
 */

const MAX_CATCH_UP_TICKS = 5;

/** Calls `onTick(dueTimeMs)` `tickRateHz` times a second until the returned stop is called. */
export function startFixedTicker(tickRateHz: number, onTick: (dueMs: number) => void): () => void {
  const tickMs = 1000 / tickRateHz;
  let nextMs = performance.now() + tickMs;
  let timer: NodeJS.Timeout;
  const wake = () => {
    const nowMs = performance.now();
    for (let n = 0; nextMs <= nowMs && n < MAX_CATCH_UP_TICKS; n++) {
      onTick(nextMs);
      nextMs += tickMs;
    }
    // Still behind after the catch-up: the missed ticks are dropped, not replayed later.
    if (nextMs <= nowMs) nextMs = nowMs + tickMs;
    timer = setTimeout(wake, Math.max(1, nextMs - performance.now()));
  };
  timer = setTimeout(wake, tickMs);
  return () => clearTimeout(timer);
}
