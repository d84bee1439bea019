/// <reference types="node" />
/**
 * `npm run netlab [-- --json] [--seconds N] [--seed N] [--profiles lan,far] [--fps N]
 * [--players N] [--check]`: runs the real sim and netcode over simulated links (see
 * tools/netlab/src) and prints the table that docs/NETCODE.md quotes.
 * `--check` exits 1 when a target on the far profile is missed.
 */
import { parseArgs } from 'node:util';
import { isLinkProfileName } from '@arena/shared/netcode/client';
import { DEFAULT_NETLAB_OPTIONS, runNetlab, type NetlabOptions } from './netlab.js';
import { formatTable } from './table.js';

function fail(message: string): never {
  console.error(`netlab: ${message}`);
  process.exit(2);
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    fail(`--${name} must be a positive number, got ${raw}`);
  return value;
}

function readOptions(): { options: NetlabOptions; json: boolean; check: boolean } {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      quiet: { type: 'string' },
      seed: { type: 'string' },
      profiles: { type: 'string' },
      fps: { type: 'string' },
      players: { type: 'string' },
    },
  });
  const d = DEFAULT_NETLAB_OPTIONS;
  const profiles = values.profiles?.split(',') ?? d.profiles;
  for (const name of profiles) if (!isLinkProfileName(name)) fail(`unknown profile ${name}`);
  const seconds = positive('seconds', values.seconds, d.seconds);
  const options: NetlabOptions = {
    ...d,
    profiles: profiles.filter(isLinkProfileName),
    seconds,
    quietSeconds: Math.min(seconds, positive('quiet', values.quiet, d.quietSeconds)),
    seed: positive('seed', values.seed, d.seed),
    fps: positive('fps', values.fps, d.fps),
    players: Math.min(6, Math.max(2, Math.round(positive('players', values.players, d.players)))),
  };
  return { options, json: values.json, check: values.check };
}

const { options, json, check } = readOptions();
const report = runNetlab(options);
console.log(json ? JSON.stringify(report, null, 2) : formatTable(report));
if (check && report.targets.some((t) => !t.pass)) process.exit(1);
