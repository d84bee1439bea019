/**
 * The input buffer's sizes, as a server is given them and a client reads them: how many ticks
 * an input waits before its slot (`InputSlots`), how far a clean link may shrink that, and how
 * far ahead a client may run.
 */

/** Ticks the first input waits before it is applied: absorbs ±1 tick of jitter. */
export const INPUT_BUFFER_TICKS = 2;
/** The deepest buffer a server may be given: 8 ticks hold inputs back 267 ms at 30 Hz. */
export const INPUT_BUFFER_MAX_TICKS = 8;
/** The least buffer a clean link shrinks to: its inputs wait at least one whole tick. */
export const INPUT_BUFFER_MIN_TICKS = 1;
/** A client this many slots ahead of the server is pulled back at once (its clock runs fast). */
export const MAX_INPUT_BACKLOG_TICKS = 15;

/** How the buffer follows the link (`BufferDepth`). */
export interface BufferDepthOptions {
  /** The least buffer a clean link shrinks to (default `INPUT_BUFFER_MIN_TICKS`). */
  minBufferTicks?: number;
  /** Ticks without a button after which the player is at rest (default: the default game's). */
  restTicks?: number;
  /** A tick's length in ms, for the inputs' beat (default: the default game's). */
  tickMs?: number;
}
