/**
 * Short sounds for what happens to the player, made with WebAudio (nothing to download): a
 * coin picked up, a dash, a hit, a round won. Browsers start audio only after a gesture on
 * the page, so the first key or tap unlocks it. The mute button (or M) turns them off, and
 * the choice is remembered on this device.
 */
import type { Feedback } from '../game/feedback.js';

export const SOUND_NAMES = ['coin', 'dash', 'hit', 'win'] as const;
export type SoundName = (typeof SOUND_NAMES)[number];

interface Tone {
  type: OscillatorType;
  /** Start and end pitch (Hz): a glide when they differ. */
  fromHz: number;
  toHz: number;
  startS: number;
  durationS: number;
  volume: number;
}

function tone(
  type: OscillatorType,
  fromHz: number,
  toHz: number,
  startS: number,
  durationS: number,
  volume: number,
): Tone {
  return { type, fromHz, toHz, startS, durationS, volume };
}

const SOUNDS: Readonly<Record<SoundName, readonly Tone[]>> = {
  coin: [tone('square', 988, 988, 0, 0.06, 0.05), tone('square', 1319, 1319, 0.06, 0.12, 0.05)],
  dash: [tone('sawtooth', 180, 720, 0, 0.12, 0.03)],
  hit: [tone('triangle', 220, 55, 0, 0.2, 0.25), tone('square', 110, 40, 0, 0.08, 0.04)],
  win: [523, 659, 784, 1047].map((hz, i) =>
    tone('triangle', hz, hz, i * 0.11, i === 3 ? 0.4 : 0.12, 0.12),
  ),
};

/** The sound a piece of feedback makes, if any: only what happens to us is heard. */
export function soundFor(event: Feedback): SoundName | null {
  switch (event.kind) {
    case 'pickup':
      return event.self ? 'coin' : null;
    case 'dash':
      return event.self ? 'dash' : null;
    case 'hit':
      return event.self ? 'hit' : null;
    case 'round-over':
      return event.won ? 'win' : null;
  }
}

export class SoundBoard {
  private context: AudioContext | null = null;
  /** Sounds actually started, by name (what the test view reports). */
  readonly played: Record<SoundName, number> = { coin: 0, dash: 0, hit: 0, win: 0 };

  constructor(public muted: boolean) {}

  /** From a user gesture: creates or resumes the audio context. */
  unlock(): void {
    if (this.muted || typeof AudioContext === 'undefined') return;
    this.context ??= new AudioContext();
    if (this.context.state === 'suspended') void this.context.resume();
  }

  playFeedback(events: readonly Feedback[]): void {
    for (const event of events) {
      const name = soundFor(event);
      if (name) this.play(name);
    }
  }

  play(name: SoundName): void {
    const context = this.context;
    if (this.muted || !context || context.state !== 'running') return;
    const start = context.currentTime;
    for (const t of SOUNDS[name]) this.playTone(context, t, start + t.startS);
    this.played[name] += 1;
  }

  private playTone(context: AudioContext, t: Tone, at: number): void {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = t.type;
    oscillator.frequency.setValueAtTime(t.fromHz, at);
    if (t.toHz !== t.fromHz)
      oscillator.frequency.exponentialRampToValueAtTime(t.toHz, at + t.durationS);
    // A quick fade in and out: no clicks at the edges.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(t.volume, at + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + t.durationS);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + t.durationS + 0.02);
  }
}
