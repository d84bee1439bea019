/** The HTTP side of the server: health, metrics, and the plain WebSocket echo at /echo. */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRoom, waitForTicks } from '../support/player.js';
import { serverPerTest } from '../support/server-per-test.js';

const ctx = serverPerTest();

describe('http', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${ctx.server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('reports players, rooms and bytes out at /metrics', async () => {
    const host = await createRoom(ctx.server.url, 'Counted');
    ctx.sockets.push(host.socket);
    await waitForTicks(host.socket, 3);
    const text = await (await fetch(`${ctx.server.url}/metrics`)).text();
    expect(text).toMatch(/^arena_rooms 1$/m);
    expect(text).toMatch(/^arena_players 1$/m);
    expect(Number(/^arena_snapshot_sent_bytes_total (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    expect(text).toMatch(/^arena_tick_duration_seconds_count \d+$/m);
  });

  it('echoes text and binary messages on /echo while socket.io works on the same port', async () => {
    const host = await createRoom(ctx.server.url, 'AlsoHere');
    ctx.sockets.push(host.socket);
    const ws = new WebSocket(`ws://127.0.0.1:${ctx.server.port}/echo`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const replies: string[] = [];
    const got = new Promise<void>((resolve) =>
      ws.on('message', (data, isBinary) => {
        replies.push(`${isBinary ? 'bin' : 'txt'}:${Buffer.from(data as Buffer).toString()}`);
        if (replies.length === 2) resolve();
      }),
    );
    ws.send('hello arena');
    ws.send(Buffer.from('bytes'));
    await got;
    expect(replies).toEqual(['txt:hello arena', 'bin:bytes']);
    await waitForTicks(host.socket, 2);
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    ws.close(1000, 'done');
    expect(await closed).toBe(1000);
  });
});
