import { describe, expect, it } from 'vitest';
import { saturationWarnings, WarningKind } from '../../src/bench/saturation.js';
import { quietRun } from './figures-fixture.js';

const kinds = (overrides: Parameters<typeof quietRun>[0], expected = 200) =>
  saturationWarnings(quietRun(overrides), expected, 30).map((w) => w.kind);

describe('saturation warnings', () => {
  it('say nothing about a run where the bots kept their beat on a machine with room', () => {
    expect(kinds({})).toEqual([]);
  });

  it("blame the load generator when the bots' event loop ran late", () => {
    const [warning] = saturationWarnings(quietRun({ botLoopLagP99Ms: 40 }), 200, 30);
    expect(warning?.kind).toBe(WarningKind.LoadGenerator);
    expect(warning?.message).toMatch(/LOAD GENERATOR SATURATED/);
    expect(warning?.message).toMatch(/not the server's/);
    expect(warning?.message).toMatch(/40\.0 ms late/);
  });

  it('blame the load generator when the bots sent fewer inputs than the tick rate, or had no slack', () => {
    expect(kinds({ inputsPerClientPerS: 26 })).toEqual([WarningKind.LoadGenerator]);
    expect(kinds({ botUtilization: 0.95 })).toEqual([WarningKind.LoadGenerator]);
    expect(kinds({ inputsPerClientPerS: 29 })).toEqual([]);
  });

  it('flag a busy machine: its cores, the load of others, or the load average', () => {
    expect(kinds({ machineBusyCores: 1.9 })).toEqual([WarningKind.Machine]);
    expect(kinds({ otherCores: 0.8 })).toEqual([WarningKind.Machine]);
    expect(kinds({ loadAverage1m: 14 })).toEqual([WarningKind.Machine]);
    const [warning] = saturationWarnings(quietRun({ otherCores: 0.8 }), 200, 30);
    expect(warning?.message).toMatch(/0\.8 of them by processes outside this bench/);
  });

  it('say whose dropped inputs they probably are', () => {
    const alone = saturationWarnings(quietRun({ inputsDroppedPercent: 10 }), 200, 30);
    expect(alone.map((w) => w.kind)).toEqual([WarningKind.Inputs]);
    expect(alone[0]?.message).toMatch(/the server's doing/);
    const withLateBots = saturationWarnings(
      quietRun({ inputsDroppedPercent: 10, botLoopLagP99Ms: 50 }),
      200,
      30,
    );
    expect(withLateBots.map((w) => w.kind)).toEqual([
      WarningKind.LoadGenerator,
      WarningKind.Inputs,
    ]);
    expect(withLateBots[1]?.message).toMatch(/may be theirs/);
  });

  it('say when fewer clients were seated than asked for', () => {
    expect(kinds({ clients: 180 })).toEqual([WarningKind.Seats]);
  });
});
