/**
 * Playwright's `expect`, whose `poll` looks every 50 ms, then every 100 and 250 ms, where
 * Playwright's own backs off to once a second. What these specs poll (a tab's `__arena` view)
 * changes within a frame or two, and waiting up to a second between looks added about half a
 * second to every wait of a browser suite made of such waits. A spec's own `intervals` win.
 */
import { expect as playwrightExpect } from '@playwright/test';

const INTERVALS_MS = [50, 100, 250];

const poll: typeof playwrightExpect.poll = (generator, options) =>
  playwrightExpect.poll(
    generator,
    typeof options === 'string'
      ? { message: options, intervals: INTERVALS_MS }
      : { intervals: INTERVALS_MS, ...options },
  );

export const expect: typeof playwrightExpect = new Proxy(playwrightExpect, {
  get: (target, property, receiver) =>
    property === 'poll' ? poll : (Reflect.get(target, property, receiver) as unknown),
});
