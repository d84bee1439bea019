/** Why a bot could not connect, from what socket.io-client hands over. */
import { describe, expect, it } from 'vitest';
import { connectFailure, STALE_BUILD, summarizeFailures } from '../src/failure-reason.js';

describe('connectFailure', () => {
  it('a protocol mismatch says the build is stale and how to rebuild', () => {
    const refusal = Object.assign(new Error('PROTOCOL_MISMATCH'), {
      data: { code: 'PROTOCOL_MISMATCH', message: 'This server speaks protocol 9' },
    });
    expect(connectFailure(refusal)).toBe(STALE_BUILD);
    expect(STALE_BUILD).toContain('npm run build');
  });

  it("another refusal gives the server's code and message", () => {
    const refusal = Object.assign(new Error('TOO_MANY_CONNECTIONS'), {
      data: { code: 'TOO_MANY_CONNECTIONS', message: 'The server is full.' },
    });
    expect(connectFailure(refusal)).toBe('TOO_MANY_CONNECTIONS: The server is full.');
  });

  it('a transport error gives the network\'s cause, not "websocket error"', () => {
    const error = Object.assign(new Error('websocket error'), {
      description: new Error('connect ECONNREFUSED 127.0.0.1:1'),
    });
    expect(connectFailure(error)).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });
});

describe('summarizeFailures', () => {
  it('names each reason once, with how many bots met it', () => {
    expect(summarizeFailures(['a', 'b', 'a'])).toBe('a (×2); b');
  });
});
