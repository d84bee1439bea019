/**
 * What the server's input buffer (`INPUT_BUFFER_TICKS`) buys on each link profile: the same
 * netlab run at every buffer asked for. A deeper buffer delays every player's inputs on the
 * server by one tick more (others see each move that much later), and in exchange fewer inputs
 * miss their slot: a missed slot is guessed, and a guess that was wrong costs the player a
 * correction. The default is the shallowest buffer that keeps that cost small on the links
 * players really have (docs/NETCODE.md quotes the table).
 */
import {
  LAG_COMP_MAX_REWIND_MS,
  type LinkProfileName,
  LinkProfiles,
} from '@arena/shared/netcode/server';
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
  /** What the buffer adds between an input's arrival and its tick (ms). */
  addedDelayMs: number;
  /** Slots spent on a guess because their input came too late. */
  inputsGuessedShare: number;
  correctionsPerSecond: number;
  correctionP99Px: number;
  /** Quiet phase (nobody touching anybody): share of reconciles that moved the player at all. */
  quietErrorShare: number;
}

export function runInputBufferSweep(o: InputBufferOptions): InputBufferRow[] {
  const tickMs = 1000 / DEFAULT_SIM_CONFIG.tickRateHz;
  return o.profiles.flatMap((profile) =>
    o.buffers.map((bufferTicks) => {
      const result = runLab({
        ...o,
        profile: LinkProfiles[profile],
        fps: 60,
        snapshotEveryTicks: 1,
        maxRewindMs: LAG_COMP_MAX_REWIND_MS,
        inputBufferTicks: bufferTicks,
      });
      return {
        profile,
        bufferTicks,
        addedDelayMs: bufferTicks * tickMs,
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
    'profile     buffer  added delay  inputs guessed  corrections/s  correction p99  quiet errors',
    ...rows.map(
      (r) =>
        r.profile.padEnd(10) +
        cell(String(r.bufferTicks), 8) +
        cell(`${r.addedDelayMs.toFixed(0)} ms`, 13) +
        cell(`${(r.inputsGuessedShare * 100).toFixed(2)} %`, 16) +
        cell(r.correctionsPerSecond.toFixed(2), 15) +
        cell(`${r.correctionP99Px.toFixed(1)} px`, 16) +
        cell(`${(r.quietErrorShare * 100).toFixed(2)} %`, 14),
    ),
  ];
  return lines.join('\n');
}
