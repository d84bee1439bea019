/**
 * The churn soak, CI-sized: players join, play and leave rooms for half a minute (SOAK_MINUTES to
 * change it), then the server must hold nothing it did not hold after the warm-up: no rooms,
 * seats, sockets, handles or listeners, and a heap back near its baseline.
 * `npm run soak -- --minutes N` runs the same soak from the command line with a full report.
 */
import { formatReport, runSoak } from '@arena/soak';
import { describe, expect, it } from 'vitest';

const minutes = Number(process.env.SOAK_MINUTES ?? 0.5);

describe(`churn soak (${minutes} min)`, () => {
  it(
    'leaves no rooms, players, timers, listeners or heap behind',
    async () => {
      const report = await runSoak({ minutes, bots: 16 });
      console.log(formatReport(report));
      expect(report.leaks).toEqual([]);
      expect(report.problems).toEqual([]);
      // It did churn: every scenario ran, and players really played.
      for (const [name, tally] of Object.entries(report.scenarios)) {
        expect(tally.runs, name).toBeGreaterThan(0);
      }
      expect(Object.keys(report.scenarios)).toHaveLength(6);
      expect(report.traffic.joins).toBeGreaterThan(50);
      expect(report.server.inputsApplied).toBeGreaterThan(1000);
      expect(report.ok).toBe(true);
    },
    (minutes * 60 + 90) * 1000,
  );
});
