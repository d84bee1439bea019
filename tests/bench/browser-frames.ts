/**
 * `npm run bench:browser`: frame times in Chromium with a room full of players on screen,
 * once with Phaser's canvas renderer and once with WebGL. A server (the built one, as a host
 * runs it) seats `--players` − 1 bots in one room; a tab joins it by its link and records
 * the interval between animation frames. Needs `npm run build` first. Prints a table, then
 * JSON (also to --json FILE). Headless, without a GPU: WebGL runs on SwiftShader, so these
 * figures are the CPU's, a floor for what a real GPU does. One run's frame rate moves by a
 * quarter from the next, so `--repeats N` runs the renderers in turn N times and reports each
 * figure's median, with every run's frame rate beside it.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { runBot, spawnBots, summarizeFailures } from '@arena/bots';
import {
  frameFigures,
  medianFrameFigures,
  profileText,
  summarizeProfile,
  type FrameFigures,
  type ProcessProfile,
} from '@arena/bots/bench';
import {
  CommandFailure,
  integerOption,
  median,
  numberOption,
  outputFileOption,
  readOptions,
  runCommand,
  startServerProcess,
  UsageError,
} from '@arena/devkit';
import { ROOM_PLAYERS_MAX } from '@arena/shared/protocol';
import { launchChromium, recordFrames, RENDERERS, type Renderer } from './frame-page.js';
import { Teardown } from './teardown.js';

const USAGE =
  'usage: npm run bench:browser -- [--players 50] [--seconds 10] [--warmup 3] [--repeats 1] [--renderers canvas,webgl] [--json out.json] [--profile DIR]';

function renderersOption(raw: string | undefined): Renderer[] {
  const names = (raw ?? RENDERERS.join(',')).split(',').map((s) => s.trim());
  const bad = names.find((n) => !(RENDERERS as readonly string[]).includes(n));
  if (bad !== undefined) throw new UsageError(`--renderers takes ${RENDERERS.join(', ')}`);
  return names as Renderer[];
}

function readBrowserOptions() {
  const args = readOptions({
    players: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    repeats: { type: 'string' },
    renderers: { type: 'string' },
    json: { type: 'string' },
    profile: { type: 'string' },
  });
  // One room: the tab and at least one bot, as many as a server seats.
  const players = integerOption('players', args.players, 50, 2, ROOM_PLAYERS_MAX);
  return {
    players,
    seconds: numberOption('seconds', args.seconds, 10, 'positive'),
    warmupSeconds: numberOption('warmup', args.warmup, 3),
    repeats: numberOption('repeats', args.repeats, 1, 'count'),
    renderers: renderersOption(args.renderers),
    json: outputFileOption('json', args.json),
    profileDir: args.profile,
  };
}

interface RendererResult extends FrameFigures {
  asked: Renderer;
  renderer: string;
  webglRenderer: string | null;
  playersDrawn: number;
  /**
   * With --profile: the page's main thread sampled busy (JavaScript, canvas drawing, GC) per
   * frame drawn. Under 16.7 ms, the page itself could hold 60 fps; a frame rate below that
   * then comes from the rest of the browser (compositing, software raster without a GPU).
   */
  pageBusyMsPerFrame?: number;
}

/** A renderer's figures over every run: each figure's median, and each run's frame rate. */
interface RendererSummary extends RendererResult {
  fpsEachRun: number[];
}

function summarize(runs: readonly RendererResult[]): RendererSummary {
  const last = runs[runs.length - 1]!;
  const busy = runs.flatMap((r) =>
    r.pageBusyMsPerFrame === undefined ? [] : [r.pageBusyMsPerFrame],
  );
  return {
    ...last,
    ...medianFrameFigures(runs),
    ...(busy.length > 0 ? { pageBusyMsPerFrame: median(busy) } : {}),
    fpsEachRun: runs.map((r) => r.fps),
  };
}

/** The page profile is cut to the recording already: every sample counts. */
const WHOLE_PROFILE = { fromUs: -Infinity, toUs: Infinity };

function pageProfile(renderer: Renderer, file: string | undefined): ProcessProfile | undefined {
  return file === undefined
    ? undefined
    : summarizeProfile(`page, ${renderer}`, file, WHOLE_PROFILE, 12);
}

function table(results: RendererSummary[]): string {
  const f1 = (v: number) => v.toFixed(1);
  const rows: [string, (r: RendererSummary) => string][] = [
    ['renderer in use', (r) => r.renderer],
    ['players drawn', (r) => String(r.playersDrawn)],
    ['frames per second', (r) => f1(r.fps)],
    [
      'frame time p50 / p95 / p99, ms',
      (r) => `${f1(r.frameP50Ms)} / ${f1(r.frameP95Ms)} / ${f1(r.frameP99Ms)}`,
    ],
    ['longest frame, ms', (r) => f1(r.longestMs)],
    ['intervals missing a 60 Hz frame, %', (r) => f1(r.missedPercent)],
  ];
  if (results.some((r) => r.fpsEachRun.length > 1))
    rows.splice(3, 0, ['  each run', (r) => r.fpsEachRun.map(f1).join(' / ')]);
  if (results.some((r) => r.pageBusyMsPerFrame !== undefined))
    rows.push(['page main thread busy per frame, ms', (r) => f1(r.pageBusyMsPerFrame ?? NaN)]);
  const lines = [
    ['', ...results.map((r) => `?renderer=${r.asked}`)],
    ...rows.map(([label, cell]) => [label, ...results.map(cell)]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines
    .map((l) =>
      l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
    )
    .join('\n');
}

/** The server, its room and the browser; each is stopped by `teardown`, whatever happens next. */
async function setUp(o: ReturnType<typeof readBrowserOptions>, teardown: Teardown) {
  const server = await startServerProcess({
    from: 'dist',
    // Every run opens a tab of its own: the seat of the one before is freed at once, so that
    // each run draws the same players (a held seat is drawn too, as reconnecting).
    env: {
      MAX_PLAYERS_PER_ROOM: String(ROOM_PLAYERS_MAX),
      MAX_CONNECTIONS_PER_IP: '200',
      RECONNECT_GRACE_SECONDS: '0',
    },
    timeoutMs: 60_000,
  });
  teardown.add(() => server.stop());
  const host = await runBot(server.url, { name: 'host', join: { create: { isPublic: false } } });
  teardown.add(() => host.stop());
  const code = host.joined.roomCode;
  const swarm = spawnBots({ url: server.url, count: o.players - 2, workers: 1, join: { code } });
  teardown.add(() => swarm.stop().then(() => undefined));
  await swarm.ready;
  const failures = swarm.failures();
  if (failures.length > 0) throw new Error(`bots failed: ${summarizeFailures(failures)}`);
  const browser = await launchChromium();
  teardown.add(() => browser.close());
  return { server, code, browser };
}

function report(
  o: ReturnType<typeof readBrowserOptions>,
  machine: { cores: number; loadAverage: number[]; node: string },
  runs: Map<Renderer, RendererResult[]>,
  profiles: ProcessProfile[],
): void {
  const results = o.renderers.map((renderer) => summarize(runs.get(renderer)!));
  console.log(
    `\nFrame times in headless Chromium (${machine.cores} cores, load average ${machine.loadAverage.map((l) => l.toFixed(1)).join(' ')} at the start)${o.repeats > 1 ? `, medians of ${o.repeats} runs each` : ''}:\n`,
  );
  console.log(table(results));
  if (profiles.length > 0)
    console.log(`\nThe page's CPU profiles, self time, busiest first:\n${profileText(profiles)}`);
  const json = JSON.stringify(
    { options: o, machine, results, runs: Object.fromEntries(runs), profiles },
    null,
    2,
  );
  console.log(`\n${json}`);
  if (o.json) writeFileSync(o.json, json + '\n');
}

async function measure(o: ReturnType<typeof readBrowserOptions>, teardown: Teardown) {
  const machine = { cores: cpus().length, loadAverage: loadavg(), node: process.version };
  const { server, code, browser } = await setUp(o, teardown);
  const runs = new Map<Renderer, RendererResult[]>(o.renderers.map((r) => [r, []]));
  const profiles: ProcessProfile[] = [];
  for (let run = 1; run <= o.repeats; run++) {
    for (const renderer of o.renderers) {
      const of = o.repeats > 1 ? ` (run ${run} of ${o.repeats})` : '';
      console.log(`bench:browser: ${renderer}, ${o.players} players, ${o.seconds} s${of}`);
      const recording = await recordFrames(browser, {
        url: server.url,
        code,
        renderer,
        players: o.players,
        warmupMs: o.warmupSeconds * 1000,
        seconds: o.seconds,
        // Only the last run is profiled: a profile's own cost would weigh on the others.
        profileDir: run === o.repeats ? o.profileDir : undefined,
      });
      const { intervalsMs, profileFile, ...seen } = recording;
      const profile = pageProfile(renderer, profileFile);
      if (profile) profiles.push(profile);
      runs.get(renderer)!.push({
        asked: renderer,
        ...seen,
        ...frameFigures(intervalsMs),
        ...(profile ? { pageBusyMsPerFrame: profile.busyMs / intervalsMs.length } : {}),
      });
    }
  }
  report(o, machine, runs, profiles);
}

/**
 * Whatever fails (a stale build's PROTOCOL_MISMATCH, a browser that will not start) or stops
 * the bench (Ctrl-C, SIGTERM, SIGHUP), it stops every process it started, then says why in
 * one line and exits 1: never a stack trace over a server left running with nobody to stop it.
 */
async function main(): Promise<void> {
  const o = readBrowserOptions();
  const teardown = new Teardown();
  teardown.stopOnSignals('bench:browser');
  try {
    await measure(o, teardown);
  } catch (error) {
    await teardown.run();
    const message = error instanceof Error ? error.message : String(error);
    // Playwright's messages go on with logs and boxes: their first line says what failed.
    throw new CommandFailure(message.split('\n')[0]);
  }
  await teardown.run();
}

runCommand('bench:browser', USAGE, main);
