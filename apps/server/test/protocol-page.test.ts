/**
 * docs/PROTOCOL.md §7, "What a client needs to predict", lists the rules' numbers a client
 * cannot get from `room:joined.sim`. A rule retuned in `DEFAULT_SIM_CONFIG`, or a new one,
 * must be retold there, or another-language client predicts with the old one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimSettings } from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG, type SimConfig } from '@arena/shared/sim';

const PAGE = readFileSync(new URL('../../../docs/PROTOCOL.md', import.meta.url), 'utf8');
const PARAGRAPH = /### What a client needs to predict\n([\s\S]*?)\n## /.exec(PAGE)?.[1] ?? '';

/** How the paragraph states each rule a client is not sent: its number is the first capture. */
const STATED: Partial<Record<keyof SimConfig, RegExp>> = {
  playerRadius: /player radius ([\d.]+) px/,
  maxSpeed: /max speed ([\d.]+) px\/s/,
  acceleration: /acceleration ([\d.]+) px\/s²/,
  friction: /friction ([\d.]+) \/s/,
  dashSpeed: /dash ([\d.]+) px\/s for/,
  dashSeconds: /px\/s for ([\d.]+) s with/,
  dashCooldownSeconds: /with a ([\d.]+) s cooldown/,
  dashKnockbackSpeed: /dash knockback ([\d.]+) px\/s/,
  coinRadius: /coin radius ([\d.]+) px/,
  maxCoins: /at most ([\d.]+) coins/,
  coinSpawnSeconds: /one every ([\d.]+ )?second/,
};

describe('docs/PROTOCOL.md, what a client needs to predict', () => {
  it("states every rule a client is not sent with the default game's value", () => {
    expect(PARAGRAPH).not.toBe('');
    const sent = new Set(Object.keys(SimSettings.shape));
    for (const key of Object.keys(DEFAULT_SIM_CONFIG) as (keyof SimConfig)[]) {
      if (sent.has(key)) continue;
      const pattern = STATED[key];
      expect(
        pattern,
        `${key}: not in room:joined.sim, so say it in the paragraph and here`,
      ).toBeDefined();
      const match = pattern!.exec(PARAGRAPH.replace(/\s+/g, ' '));
      expect(match, `${key} in the paragraph`).not.toBeNull();
      // "one every second": a number left out is one.
      expect(Number(match![1] ?? 1), key).toBe(DEFAULT_SIM_CONFIG[key]);
    }
  });
});
