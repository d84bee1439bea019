/**
 * The one question asked before any rule runs: does anything answer at the address? Said in
 * one line when nothing does, whatever the port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommandFailure } from '@arena/devkit';
import { afterEach, describe, expect, it } from 'vitest';
import { reachable } from '../src/reachable.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((done) => server?.close(done) ?? done(undefined));
  server = undefined;
});

async function serve(answer: boolean): Promise<string> {
  server = createServer((_request, response) => {
    if (answer) response.writeHead(404).end();
  });
  await new Promise<void>((listening) => server?.listen(0, '127.0.0.1', listening));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('reachable', () => {
  it('takes any HTTP answer, a 404 included', async () => {
    await expect(reachable(await serve(true))).resolves.toBeUndefined();
  });

  it('says that nothing listens, on a port browsers block too (fetch calls it "bad port")', async () => {
    await expect(reachable('http://127.0.0.1:1')).rejects.toThrow(
      new CommandFailure('cannot reach http://127.0.0.1:1: ECONNREFUSED'),
    );
  });

  it('gives up on a server that accepts but never answers', async () => {
    const url = await serve(false);
    await expect(reachable(url, 200)).rejects.toThrow(
      new CommandFailure(`cannot reach ${url}: no answer within 0.2 s`),
    );
  });
});
