/** Setup the browser specs share: the Canvas renderer, and one server per file with its tabs. */
import { startServerProcess, type ServerProcess } from '@arena/devkit';
import { test, type Browser, type Page } from '@playwright/test';
import config from '../playwright.config.js';
import { openPlayer } from './arena-page.js';

/**
 * Several tabs of software WebGL (SwiftShader) on two cores draw about 8 frames a second and
 * starve page loads; Phaser's Canvas renderer (what a browser without WebGL gets) keeps 60.
 * two-tabs.spec.ts still covers the WebGL renderer.
 */
export function useCanvasRenderer(): void {
  const launchOptions = config.use?.launchOptions ?? {};
  const args = [...(launchOptions.args ?? []), '--disable-3d-apis'];
  test.use({ launchOptions: { ...launchOptions, args } });
}

export interface SpecServer {
  readonly server: ServerProcess;
  /** Tabs closed after each test: every open tab renders the game and costs CPU. */
  readonly pages: Page[];
  /** A player in a context of its own at `path` on the server, closed after the test. */
  open(browser: Browser, name: string | null, path?: string): Promise<Page>;
}

/**
 * One real server for the whole file, the built one a host runs (started before its first test,
 * stopped after its last).
 */
export function serverPerFile(env: Record<string, string> = {}): SpecServer {
  let server: ServerProcess | undefined;
  const pages: Page[] = [];
  test.beforeAll(async () => {
    server = await startServerProcess({ from: 'dist', env });
  });
  test.afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    pages,
    async open(browser, name, path = '') {
      const page = await openPlayer(browser, `${this.server.url}${path}`, name);
      pages.push(page);
      return page;
    },
  };
}
