/**
 * README's rate-limit table and docs/PROTOCOL.md §3 tell clients and hosts the limits the
 * server applies; a limit retuned or an event added must be retold in both.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KIND_OF, limitSpecs, PATIENCE, type LimitSpec } from '../src/socket/rate-limits.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const PROTOCOL = readFileSync(new URL('../../../docs/PROTOCOL.md', import.meta.url), 'utf8');
/** The table's sizes are stated at the default tick rate, or in terms of it. */
const TICK_RATE_HZ = 30;

/** The rows of README's table: the events each names, its burst and sustained rate. */
function readmeRows(): { events: string[]; burst: string; sustained: string }[] {
  const table = /\| events +\| burst[^\n]*\n\|[-| ]+\n((?:\|[^\n]*\n)+)/.exec(README)?.[1] ?? '';
  return table
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .map(([events = '', burst = '', sustained = '']) => ({
      events: [...events.matchAll(/`([a-z]+:[a-z]+)`/g)].map((m) => m[1]!),
      burst,
      sustained,
    }));
}

/** A cell as the table writes it: "5", "one second of ticks", "one per 2 s", "2 per second". */
function amount(cell: string): number {
  const perTickRate = /^([\d.]+) × `TICK_RATE_HZ` per second/.exec(cell);
  if (perTickRate) return Number(perTickRate[1]) * TICK_RATE_HZ;
  if (cell.startsWith('one second of ticks')) return TICK_RATE_HZ;
  const everyN = /^one per (\d+) s/.exec(cell);
  if (everyN) return 1 / Number(everyN[1]);
  return Number(/^([\d.]+)/.exec(cell)?.[1]);
}

describe('the rate limits as the docs state them', () => {
  const specs = limitSpecs(TICK_RATE_HZ);

  it("README's table names every event once, with its kind's burst and sustained rate", () => {
    const rows = readmeRows();
    const named = rows.flatMap((row) => row.events);
    expect(named.sort()).toEqual(Object.keys(KIND_OF).sort());
    for (const row of rows.filter((r) => r.events.length > 0)) {
      const stated: LimitSpec = { capacity: amount(row.burst), perSecond: amount(row.sustained) };
      for (const event of row.events)
        expect(stated, event).toEqual(specs[KIND_OF[event as keyof typeof KIND_OF]]);
    }
    const misbehaviour = rows.find((row) => row.events.length === 0)!;
    expect({
      capacity: amount(misbehaviour.burst),
      perSecond: amount(misbehaviour.sustained),
    }).toEqual(PATIENCE);
  });

  it('docs/PROTOCOL.md §3 names every event, or its family, in its list of limits', () => {
    const list = /- \*\*Rate limits\*\*([\s\S]*?)\n- \*\*/.exec(PROTOCOL)?.[1] ?? '';
    for (const event of Object.keys(KIND_OF)) {
      const family = `\`${event.split(':')[0]}:*\``;
      expect(list.includes(`\`${event}\``) || list.includes(family), event).toBe(true);
    }
  });
});
