import { UsageError } from '@arena/devkit';
import { describe, expect, it } from 'vitest';
import { chooseAttacks } from '../src/attack/attack-choice.js';

const PLANS = [{ name: 'echoFlood' }, { name: 'pongFlood' }, { name: 'roomHoarder' }];

describe('chooseAttacks (attack --only)', () => {
  it('runs every attack when none is named, else the named ones in the usual order', () => {
    expect(chooseAttacks(undefined, PLANS)).toBe(PLANS);
    expect(chooseAttacks('roomHoarder, echoFlood', PLANS)).toEqual([
      { name: 'echoFlood' },
      { name: 'roomHoarder' },
    ]);
  });

  it('refuses a name that means nothing, naming the attacks there are', () => {
    expect(() => chooseAttacks('nope', PLANS)).toThrow(
      new UsageError(
        '--only names no attack: nope (the attacks: echoFlood, pongFlood, roomHoarder)',
      ),
    );
  });

  it('refuses it beside known names too, instead of running the rest without it', () => {
    expect(() => chooseAttacks('pongFlood,pongFlod', PLANS)).toThrow(
      /^--only names no attack: pongFlod \(the attacks: /,
    );
  });
});
