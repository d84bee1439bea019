/**
 * The page's own examples against the facts this suite reads from it: a version bump or a new
 * column changes a handful of places in docs/PROTOCOL.md, and the ones no rule reads (the
 * handshake's JSON, the hex example's header, the row's size in words) would go stale
 * silently.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, Snapshot } from '../src/protocol-facts.js';

const PAGE = readFileSync(new URL('../../../docs/PROTOCOL.md', import.meta.url), 'utf8');
/** The page writes a row's size as a word: `COUNT_WORDS[n]` is n. */
const COUNT_WORDS =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen'.split(
    ' ',
  );

/** Every capture of `pattern` in the page, as numbers. */
function numbersAt(pattern: RegExp): number[] {
  return [...PAGE.matchAll(pattern)].map((match) => Number(match[1]));
}

describe('docs/PROTOCOL.md', () => {
  it('states one protocol version, in its header and in every handshake it shows', () => {
    const stated = [
      ...numbersAt(/Protocol version: \*\*(\d+)\*\*/g),
      ...numbersAt(/"protocolVersion":(\d+)/g),
    ];
    expect(stated.length).toBeGreaterThanOrEqual(4);
    expect(new Set(stated)).toEqual(new Set([PROTOCOL_VERSION]));
  });

  it('states one snapshot codec version, in its header, its table and its examples', () => {
    const stated = [
      ...numbersAt(/Snapshot codec version: \*\*(\d+)\*\*/g),
      ...numbersAt(/codec version, `(\d+)`/g),
      ...numbersAt(/`01 4B 0(\d) …`/g),
    ];
    expect(stated).toHaveLength(3);
    expect(new Set(stated)).toEqual(new Set([Snapshot.codecVersion]));
  });

  it("gives a player's row as many columns as the suite reads, and a mask as many bits", () => {
    const words = /A player is a row of (\w+) integers/.exec(PAGE)?.[1];
    expect(words && COUNT_WORDS.indexOf(words)).toBe(Snapshot.columns.length);
    expect(numbersAt(/`varint` mask 1 … (\d+)/g)).toEqual([2 ** Snapshot.columns.length - 1]);
  });
});
