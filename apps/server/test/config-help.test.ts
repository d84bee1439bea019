/**
 * `--help` and README's configuration table describe the variables the server really reads:
 * the same names in the same order, the schema's defaults, the same meanings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_MEANINGS, configHelp, flagOf, shownDefaults } from '../src/config-help.js';
import { configSchema } from '../src/config.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

interface Row {
  name: string;
  shownDefault: string;
  meaning: string;
}

/** The rows of README's table whose first cell is a `VARIABLE`. */
function readmeRows(): Row[] {
  const rows = README.matchAll(/^\| `([A-Z][A-Z0-9_]+)` +\| (.+?) +\| (.+?) +\|$/gm);
  return [...rows].map(([, name, cell, meaning]) => ({
    name: name!,
    shownDefault: cell === '_(empty)_' ? '(empty)' : cell!.replace(/^`(.*)`$/, '$1'),
    meaning: meaning!,
  }));
}

describe('configuration docs', () => {
  const names = Object.keys(configSchema.shape);

  it("README's table lists every variable the schema has, in its order, with its default", () => {
    const rows = readmeRows();
    expect(rows.map((row) => row.name)).toEqual(names);
    const defaults = shownDefaults();
    for (const row of rows) expect(row.shownDefault, row.name).toBe(defaults[row.name as never]);
  });

  it('README and --help give every variable the same meaning', () => {
    for (const row of readmeRows()) {
      expect(row.meaning, `${row.name}: README vs config-help.ts`).toBe(
        CONFIG_MEANINGS[row.name as keyof typeof CONFIG_MEANINGS],
      );
    }
  });

  it('--help names each flag with its variable, default, allowed values and meaning', () => {
    const help = configHelp();
    for (const name of names) expect(help).toContain(`  ${flagOf(name)} <value>   (${name}; `);
    expect(help).toContain('  --tick-rate-hz <value>   (TICK_RATE_HZ; default 30; 5–120)\n');
    expect(help).toContain('(LOG_FORMAT; default auto; auto, json, pretty)');
    expect(help).toContain('(CLIENT_DIR; default apps/client/dist)');
    expect(help).toContain('(ALLOWED_ORIGINS; default (empty))');
  });
});
