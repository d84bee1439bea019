import { describe, expect, it } from 'vitest';
import { LeadHistory } from '../../src/netcode/lead-history.js';

describe('LeadHistory', () => {
  it('takes the slots dropped off every lead recorded before the drop', () => {
    const history = new LeadHistory(3);
    history.push(4);
    history.push(6);
    history.drop(2);
    history.push(3);
    expect(history.range()).toEqual({ smallest: 2, spread: 2 });
    expect([history.newest(0), history.newest(1), history.newest(2)]).toEqual([3, 4, 2]);
    expect(history.size).toBe(3);
  });

  it('stays exact after a lying seq made it drop billions of slots', () => {
    const history = new LeadHistory(2);
    history.push(1);
    history.drop(2 ** 33);
    history.push(2);
    history.push(4);
    expect(history.range()).toEqual({ smallest: 2, spread: 2 });
  });
});
