/**
 * What a connection holds unsent, counted as engine.io creates packets and flushes them to the
 * transport, plus what the WebSocket still buffers; past the limit, the connection is let go.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { unsentBytes, watchBacklog } from '../src/socket/write-backlog.js';

/** engine.io's connection as far as the backlog sees it: events and a transport. */
function connection(bufferedAmount = 0) {
  const emitter = new EventEmitter();
  return Object.assign(emitter, { transport: { socket: { bufferedAmount } } });
}

describe('write backlog', () => {
  it('counts queued packets until they are flushed, and what the WebSocket buffers', () => {
    const conn = connection(100);
    watchBacklog(conn, 10_000, () => undefined);
    conn.emit('packetCreate', { data: 'x'.repeat(300) });
    conn.emit('packetCreate', { data: new Uint8Array(200) });
    conn.emit('packetCreate', {});
    expect(unsentBytes(conn)).toBe(600);
    conn.emit('flush');
    expect(unsentBytes(conn)).toBe(100);
    expect(unsentBytes({})).toBe(0);
  });

  it('lets go of a connection once, when what it has not read passes the limit', () => {
    const conn = connection();
    let overflows = 0;
    watchBacklog(conn, 1000, () => (overflows += 1));
    for (let i = 0; i < 9; i++) conn.emit('packetCreate', { data: 'x'.repeat(100) });
    expect(overflows).toBe(0);
    conn.emit('packetCreate', { data: 'x'.repeat(101) });
    conn.emit('packetCreate', { data: 'x'.repeat(100) });
    expect(overflows).toBe(1);
  });
});
