import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_CODEC_VERSION,
  SNAPSHOT_MAGIC,
  SnapshotDecodeError,
  decodeSnapshot,
  encodeSnapshot,
} from '../../src/protocol/snapshot-codec.js';
import { Dice, randomSnapshot } from './snapshot-fixtures.js';

/** Decodes, and fails the test if anything but a SnapshotDecodeError escapes. */
function decodeOrDecodeError(frame: unknown): 'decoded' | 'refused' {
  try {
    decodeSnapshot(frame as Uint8Array);
    return 'decoded';
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotDecodeError);
    return 'refused';
  }
}

const valid = encodeSnapshot(randomSnapshot(new Dice(3)));

describe('decodeSnapshot refuses bad frames with SnapshotDecodeError', () => {
  it('refuses every truncation of a valid frame', () => {
    expect(valid.length).toBeGreaterThan(100);
    for (let length = 0; length < valid.length; length++) {
      expect(() => decodeSnapshot(valid.subarray(0, length)), `length ${length}`).toThrow(
        SnapshotDecodeError,
      );
    }
  });

  it('refuses a wrong magic byte', () => {
    const bytes = valid.slice();
    bytes[0] = SNAPSHOT_MAGIC ^ 0xff;
    expect(() => decodeSnapshot(bytes)).toThrow(SnapshotDecodeError);
  });

  it('refuses another codec version', () => {
    for (const version of [0, SNAPSHOT_CODEC_VERSION + 1, 255]) {
      const bytes = valid.slice();
      bytes[1] = version;
      expect(() => decodeSnapshot(bytes)).toThrow(/version/);
    }
  });

  it('refuses an unknown round phase', () => {
    const bytes = valid.slice();
    bytes[16] = 2;
    expect(() => decodeSnapshot(bytes)).toThrow(SnapshotDecodeError);
  });

  it('refuses trailing bytes', () => {
    const bytes = new Uint8Array(valid.length + 1);
    bytes.set(valid);
    expect(() => decodeSnapshot(bytes)).toThrow(/trailing/);
  });

  it('refuses a table count that points past the end', () => {
    const bytes = valid.slice();
    bytes[21] = 255;
    expect(() => decodeSnapshot(bytes)).toThrow(SnapshotDecodeError);
  });

  it('refuses things that are not bytes at all', () => {
    for (const junk of [null, undefined, 'S\u0001', 42, {}, [0x53, 1], { buffer: 1 }]) {
      expect(decodeOrDecodeError(junk)).toBe('refused');
    }
  });
});

describe('decodeSnapshot under a seeded fuzz', () => {
  it('throws nothing but SnapshotDecodeError on 5000 random byte arrays', () => {
    const dice = new Dice(2024);
    for (let i = 0; i < 5000; i++) decodeOrDecodeError(dice.bytes(dice.int(0, 160)));
  });

  it('throws nothing but SnapshotDecodeError on random frames with a plausible shape', () => {
    const dice = new Dice(7);
    const outcomes = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      // Random contents with small table counts and a length that is usually right, so the
      // fuzz reaches the tables and the end-of-frame check, not only the header checks.
      const [players, coins, acks] = [dice.int(0, 3), dice.int(0, 3), dice.int(0, 3)];
      const exact = 21 + 1 + players * 17 + 1 + coins * 6 + 1 + acks * 6;
      const bytes = dice.bytes(exact + (dice.next() < 0.7 ? 0 : dice.int(-3, 3)));
      const set = (at: number, value: number) => at < bytes.length && (bytes[at] = value);
      set(0, SNAPSHOT_MAGIC);
      set(1, SNAPSHOT_CODEC_VERSION);
      set(16, dice.int(0, 2));
      set(21, players);
      set(22 + players * 17, coins);
      set(23 + players * 17 + coins * 6, acks);
      outcomes.add(decodeOrDecodeError(bytes));
    }
    expect(outcomes).toEqual(new Set(['decoded', 'refused']));
  });

  it('throws nothing but SnapshotDecodeError when bytes of valid frames are flipped', () => {
    const dice = new Dice(11);
    for (let i = 0; i < 2000; i++) {
      const bytes = encodeSnapshot(randomSnapshot(dice));
      const flips = dice.int(1, 4);
      for (let f = 0; f < flips; f++) bytes[dice.int(0, bytes.length - 1)] = dice.int(0, 255);
      decodeOrDecodeError(bytes);
    }
  });
});
