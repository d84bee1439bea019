/**
 * docs/PROTOCOL.md against the code, where a change would leave the page stale without a
 * failing rule: the events and error codes it lists (§4, §5, §8), and in §7, "What a client
 * needs to predict", the rules' numbers a client cannot get from `room:joined.sim`. A rule
 * retuned in `DEFAULT_SIM_CONFIG`, or a new one, must be retold there, or a client written
 * from the page alone predicts with the old one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clientEventSchemas,
  ErrorCode,
  serverEventSchemas,
  SimSettings,
} from '@arena/shared/protocol';
import { DEFAULT_SIM_CONFIG, type SimConfig } from '@arena/shared/sim';

const PAGE = readFileSync(new URL('../../../docs/PROTOCOL.md', import.meta.url), 'utf8');
const PARAGRAPH = /### What a client needs to predict\n([\s\S]*?)\n## /.exec(PAGE)?.[1] ?? '';

/** The page's section `## n. …`, up to the next one. */
function section(n: number): string {
  return new RegExp(`\\n## ${n}\\. [\\s\\S]*?(?=\\n## \\d+\\. )`).exec(PAGE)?.[0] ?? '';
}

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

describe('docs/PROTOCOL.md, its events and codes', () => {
  it.each([
    [4, 'client → server events', Object.keys(clientEventSchemas)],
    [5, 'server → client events', Object.keys(serverEventSchemas)],
    [8, 'error codes', Object.values(ErrorCode)],
  ])('§%i names every one of the %s', (n, _what, names) => {
    const text = section(n);
    expect(text).not.toBe('');
    expect(names.filter((name) => !text.includes(`\`${name}\``))).toEqual([]);
  });
});
