/**
 * One Chromium tab playing in a room full of bots, with a chosen renderer: it opens the room's
 * link, waits until it draws everyone, then records the interval between animation frames.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

/** Playwright cannot download browsers here: the system's Chromium, or $CHROMIUM_PATH. */
const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 720 };
const DRAWN_TIMEOUT_MS = 60_000;

/** The renderers the client can be asked for (`?renderer=`). */
export const RENDERERS = ['canvas', 'webgl'] as const;
export type Renderer = (typeof RENDERERS)[number];

export interface FrameRecording {
  /** What Phaser runs (an asked-for WebGL may not be available), and on what. */
  renderer: string;
  webglRenderer: string | null;
  playersDrawn: number;
  intervalsMs: number[];
  /** The page's CPU profile of the recording, when one was asked for. */
  profileFile?: string;
}

/**
 * The page's side, as source text: tsx compiles this file with esbuild's `keepNames`, which
 * wraps named functions in a `__name` helper that exists here but not in the page.
 */
function recordIntervals(durationMs: number): string {
  return `new Promise((resolve) => {
    const intervals = [];
    let last;
    const started = performance.now();
    const onFrame = (now) => {
      if (last !== undefined) intervals.push(now - last);
      last = now;
      if (now - started < ${durationMs}) requestAnimationFrame(onFrame);
      else resolve(intervals);
    };
    requestAnimationFrame(onFrame);
  })`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    headless: true,
    ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
    // No GPU here: WebGL runs on SwiftShader, Chromium's software rasterizer.
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

export async function recordFrames(
  browser: Browser,
  options: {
    url: string;
    code: string;
    renderer: Renderer;
    players: number;
    warmupMs: number;
    seconds: number;
    /** Also write the page's CPU profile of the recording to this directory. */
    profileDir?: string | undefined;
  },
): Promise<FrameRecording> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(() => localStorage.setItem('arena.name', 'watcher'));
  const page = await context.newPage();
  try {
    await page.goto(`${options.url}/?room=${options.code}&renderer=${options.renderer}`);
    await page.waitForFunction((n) => (window.__arena?.players.length ?? 0) >= n, options.players, {
      timeout: DRAWN_TIMEOUT_MS,
      polling: 250,
    });
    await page.waitForTimeout(options.warmupMs);
    const stopProfile = options.profileDir ? await startProfile(page) : undefined;
    const intervalsMs = await page.evaluate<number[]>(recordIntervals(options.seconds * 1000));
    let profileFile: string | undefined;
    if (stopProfile && options.profileDir) {
      profileFile = join(options.profileDir, `page-${options.renderer}.cpuprofile`);
      await stopProfile(profileFile);
    }
    const seen = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return {
        renderer: document.getElementById('game')?.dataset.renderer ?? 'unknown',
        webglRenderer: gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : null,
        playersDrawn: window.__arena?.players.length ?? 0,
      };
    });
    return { ...seen, intervalsMs, ...(profileFile ? { profileFile } : {}) };
  } finally {
    await context.close();
  }
}

/**
 * Starts V8's sampling profiler in the page (Chrome DevTools Protocol); the returned function
 * stops it and writes the profile where DevTools and the bench's profile reader open it.
 */
async function startProfile(page: Page): Promise<(file: string) => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return async (file) => {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    await cdp.detach();
  };
}
