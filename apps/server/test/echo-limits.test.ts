/** The echo's own budget, on a clock passed by hand, and what one connection does with it. */
import type { RawData } from 'ws';
import { describe, expect, it } from 'vitest';
import { serveEcho } from '../src/echo/echo-endpoint.js';
import {
  ECHO_MAX_DEBT_SECONDS,
  ECHO_MAX_UNSENT_BYTES,
  ECHO_MESSAGES,
  ECHO_TOTAL_MESSAGES,
  EchoBudget,
  EchoRate,
} from '../src/echo/echo-limits.js';

describe('EchoRate', () => {
  it('lets a burst through, then asks for a pause as long as the debt takes to repay', () => {
    const rate = new EchoRate(new EchoBudget(0), 0);
    for (let i = 0; i < ECHO_MESSAGES.capacity; i++) expect(rate.charge(0, 1).pauseMs).toBe(0);
    const over = rate.charge(0, 1);
    expect(over).toEqual({ pauseMs: 1000 / ECHO_MESSAGES.perSecond, flooding: false });
    expect(rate.pauseMs(1000 / ECHO_MESSAGES.perSecond)).toBe(0);
  });

  it('calls it a flood past its debt bound', () => {
    const rate = new EchoRate(new EchoBudget(0), 0);
    const debt = ECHO_MAX_DEBT_SECONDS * ECHO_MESSAGES.perSecond;
    let charge = rate.charge(0, 1);
    for (let i = 1; i <= ECHO_MESSAGES.capacity + debt; i++) charge = rate.charge(0, 1);
    expect(charge.flooding).toBe(true);
  });

  it('pauses every connection while their shared budget is spent', () => {
    const shared = new EchoBudget(0);
    const rates = Array.from({ length: 40 }, () => new EchoRate(shared, 0));
    for (let i = 0; i < ECHO_TOTAL_MESSAGES.capacity; i++) rates[i % 40]!.charge(0, 1);
    const fresh = new EchoRate(shared, 0);
    expect(fresh.charge(0, 1).pauseMs).toBeGreaterThan(0);
  });
});

/** A WebSocket that records what the echo does with it. */
function fakeSocket() {
  const listeners = new Map<string, (...args: never[]) => void>();
  const socket = {
    OPEN: 1 as const,
    readyState: 1 as 0 | 1 | 2 | 3,
    bufferedAmount: 0,
    isPaused: false,
    sent: [] as unknown[],
    terminated: false,
    send(data: unknown) {
      socket.sent.push(data);
    },
    terminate() {
      socket.terminated = true;
      socket.readyState = 3;
    },
    pause() {
      socket.isPaused = true;
    },
    resume() {
      socket.isPaused = false;
    },
    on(event: string, listener: (...args: never[]) => void) {
      listeners.set(event, listener);
      return socket;
    },
    receive(data: RawData) {
      (listeners.get('message') as (d: RawData, b: boolean) => void)(data, true);
    },
  };
  return socket;
}

describe('serveEcho', () => {
  it('echoes, and closes a connection whose replies pile up unread instead of adding to them', () => {
    const ws = fakeSocket();
    serveEcho(ws, new EchoRate(new EchoBudget(0), 0));
    ws.receive(Buffer.from('hello'));
    expect(ws.sent).toHaveLength(1);
    ws.bufferedAmount = ECHO_MAX_UNSENT_BYTES - 2;
    ws.receive(Buffer.from('more'));
    expect(ws.sent).toHaveLength(1);
    expect(ws.terminated).toBe(true);
  });
});
