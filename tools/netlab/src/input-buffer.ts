/**
 * What the server's input buffer (`INPUT_BUFFER_TICKS`) buys on each link profile: the same
 * netlab run at every buffer asked for. A deeper buffer delays every player's inputs on the
 * server by one tick more (others see each move that much later), and in exchange fewer inputs
 * miss their slot: a missed slot is guessed, and a guess that was wrong costs the player a
 * correction. The default is the shallowest buffer that keeps that cost small on the links
 * players really have (docs/NETCODE.md quotes the table). Each buffer runs fixed (the least
 * buffer set to it), and the server's default runs once more as it plays: shrinking on a clean
 * link down to `INPUT_BUFFER_MIN_TICKS`.
 */
import {
  LAG_COMP_MAX_REWIND_MS,
  type LinkProfileName,
  LinkProfiles,
} from '@arena/shared/netcode/server';
import { INPUT_BUFFER_MIN_TICKS, INPUT_BUFFER_TICKS } from '@arena/shared/netcode/server';
import { DEFAULT_SIM_CONFIG } from '@arena/shared/sim';
import { runLab } from './run-lab.js';

export interface InputBufferOptions {
  profiles: readonly LinkProfileName[];
  buffers: readonly number[];
  seed: number;
  seconds: number;
  quietSeconds: number;
  players: number;
}

export const DEFAULT_INPUT_BUFFER_OPTIONS: InputBufferOptions = {
  profiles: ['lan', 'wifi', 'far', 'badMobile'],
  buffers: [0, 1, 2, 3, 4],
  seed: 1,
  seconds: 180,
  quietSeconds: 60,
  players: 6,
};

export interface InputBufferRow {
  profile: LinkProfileName;
  bufferTicks: number;
  /** The least buffer a clean link shrinks to: `bufferTicks` for a fixed buffer. */
  minBufferTicks: number;
  /** What the buffer adds between an input's arrival and its tick (ms), as configured. */
  addedDelayMs: number;
  /** The same as played: the mean time an input that ran on its own slot sat at the server. */
  inputWaitMeanMs: number;
  /** Slots spent on a guess because their input came too late. */
  inputsGuessedShare: number;
  correctionsPerSecond: number;
  correctionP99Px: number;
  /** Quiet phase (nobody touching anybody): share of reconciles that moved the player at all. */
  quietErrorShare: number;
}

export function runInputBufferSweep(o: InputBufferOptions): InputBufferRow[] {
  const tickMs = 1000 / DEFAULT_SIM_CONFIG.tickRateHz;
  const fixed = o.buffers.map((bufferTicks) => [bufferTicks, bufferTicks] as const);
  const asPlayed = [INPUT_BUFFER_TICKS, INPUT_BUFFER_MIN_TICKS] as const;
  return o.profiles.flatMap((profile) =>
    [...fixed, asPlayed].map(([bufferTicks, minBufferTicks]) => {
      const result = runLab({
        ...o,
        profile: LinkProfiles[profile],
        fps: 60,
        snapshotEveryTicks: 1,
        maxRewindMs: LAG_COMP_MAX_REWIND_MS,
        inputBufferTicks: bufferTicks,
        inputBufferMinTicks: minBufferTicks,
      });
      return {
        profile,
        bufferTicks,
        minBufferTicks,
        addedDelayMs: bufferTicks * tickMs,
        inputWaitMeanMs: result.inputWaitMeanMs,
        inputsGuessedShare: result.inputsGuessedShare,
        correctionsPerSecond: result.correctionsPerSecond,
        correctionP99Px: result.correctionP99Px,
        quietErrorShare: result.quietErrorShare,
      };
    }),
  );
}

export function formatInputBufferSweep(
  o: InputBufferOptions,
  rows: readonly InputBufferRow[],
): string {
  const cell = (text: string, width: number) => text.padStart(width);
  const lines = [
    `input buffer: seed ${o.seed}, ${o.seconds} s, ${o.players} players per profile`,
    'profile     buffer  added delay  input wait  inputs guessed  corrections/s  correction p99  quiet errors',
    ...rows.map(
      (r) =>
        r.profile.padEnd(10) +
        cell(
          r.minBufferTicks === r.bufferTicks
            ? String(r.bufferTicks)
            : `${r.bufferTicks}→${r.minBufferTicks}`,
          8,
        ) +
        cell(`${r.addedDelayMs.toFixed(0)} ms`, 13) +
        cell(`${r.inputWaitMeanMs.toFixed(0)} ms`, 12) +
        cell(`${(r.inputsGuessedShare * 100).toFixed(2)} %`, 16) +
        cell(r.correctionsPerSecond.toFixed(2), 15) +
        cell(`${r.correctionP99Px.toFixed(1)} px`, 16) +
        cell(`${(r.quietErrorShare * 100).toFixed(2)} %`, 14),
    ),
  ];
  return lines.join('\n');
}
