/**
 * A bot's frames, on a fixed clock like a browser's display. `setInterval(f, 1000 / 30)` is
 * not one: Node runs it on whole milliseconds, mostly 33 ms apart (measured here: 272 of 300
 * gaps), so it gains a third of a millisecond a frame on the 30 Hz netcode clock it drives.
 * Every 100 frames (about 3 s) a frame then finds no tick due and the next input goes out a
 * tick's worth later in its tick than the one before: the moment each input leaves slides
 * across a whole tick and back, again and again. That is a tick of jitter in when inputs
 * arrive, the bot's timer's, not the network's or the server's, and a server holds inputs for
 * it (a jitter buffer must cover it; a queue keeps the backlog it leaves).
 *
 * Here each frame is due at a fixed multiple of the period after the start, so the timer's
 * rounding (a millisecond or so) never builds up. The first frame runs at once (on the next
 * turn of the event loop); the later ones half a period off the netcode clock's tick
 * boundaries (which the first frame sets), so that a frame a few milliseconds early or late
 * still finds exactly one tick due.
 */
export function startFrameTimer(periodMs: number, onFrame: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let nextMs = 0;
  /** Runs a frame, then waits for the next one due, unless the frame stopped the timer. */
  const frameThenWait = (first: boolean) => {
    onFrame();
    if (stopped) return;
    const nowMs = performance.now();
    nextMs = first ? nowMs + periodMs / 2 : nextMs + periodMs;
    // Woken a period or more late (a stalled loop): skip to the next due frame; the netcode
    // clock runs every tick it missed in that one frame.
    while (nextMs <= nowMs) nextMs += periodMs;
    timer = setTimeout(() => frameThenWait(false), nextMs - nowMs);
  };
  timer = setTimeout(() => frameThenWait(true), 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
