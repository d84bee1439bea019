/**
 * Checks every connection before it is accepted: protocol version, the `auth` object's shape,
 * the browser's origin, and how many connections its address and the whole server already
 * have (counted in the socket ledger, which cannot leak), and for a snapshot mirror whether its
 * seat is here (snapshot-mirror.ts). A refused client gets
 * `connect_error` whose `data` is `{code, message}`; a second CONNECT on a transport
 * connection that already holds a socket is no client's doing, and that connection is closed.
 */
import {
  ErrorCode,
  HandshakeAuthPayload,
  PROTOCOL_VERSION,
  type HandshakeAuth,
} from '@arena/shared/protocol';
import type { ExtendedError } from 'socket.io';
import type { GameServices } from '../services.js';
import { describeIssue } from './describe-issue.js';
import { mirrorRefusal } from './snapshot-mirror.js';
import { closeAfterRefusal } from './transport-limits.js';
import type { ArenaSocket } from './types.js';

function refusal(code: ErrorCode, message: string): ExtendedError {
  const error: ExtendedError = new Error(code);
  error.data = { code, message };
  return error;
}

/** Why `auth` is not a valid handshake object (unknown key, wrong type), or undefined. */
function describeAuthProblem(auth: unknown): string | undefined {
  const parsed = HandshakeAuthPayload.safeParse(auth);
  return parsed.success ? undefined : describeIssue(parsed.error);
}

/** Origins allowed besides the server's own page ('*' in the list allows all). */
function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: string[],
): boolean {
  if (origin === undefined) return true; // not a browser: bots, tests, native clients
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function createHandshakeCheck(services: GameServices) {
  const { sockets } = services;
  const allowedOrigins = services.config.ALLOWED_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);

  function check(socket: ArenaSocket, address: string): ExtendedError | null {
    const { config } = services;
    const { headers, auth } = socket.handshake;
    if (services.shuttingDown)
      return refusal(
        ErrorCode.ServerShuttingDown,
        'The server is restarting; try again in a moment.',
      );
    const version = (auth as { protocolVersion?: unknown }).protocolVersion;
    if (version !== PROTOCOL_VERSION) {
      return refusal(
        ErrorCode.ProtocolMismatch,
        `This server speaks protocol ${PROTOCOL_VERSION}, the client sent ${String(version)}. Reload the page to update.`,
      );
    }
    // After the version: a client of another version may well send other keys, and what it
    // needs to hear is "update", not which key this version does not know.
    const authProblem = describeAuthProblem(auth);
    if (authProblem) return refusal(ErrorCode.InvalidPayload, `Handshake auth: ${authProblem}`);
    if (!originAllowed(headers.origin, headers.host, allowedOrigins)) {
      return refusal(ErrorCode.OriginNotAllowed, `Origin ${headers.origin} is not allowed here.`);
    }
    if (sockets.total >= config.MAX_CONNECTIONS) {
      return refusal(ErrorCode.TooManyConnections, 'The server is full.');
    }
    if (sockets.countOf(address) >= config.MAX_CONNECTIONS_PER_IP) {
      return refusal(ErrorCode.TooManyConnections, 'Too many connections from your address.');
    }
    const mirrorProblem = mirrorRefusal(services, auth as HandshakeAuth);
    if (mirrorProblem) return refusal(ErrorCode.MirrorRefused, mirrorProblem);
    return null;
  }

  return (socket: ArenaSocket, next: (err?: ExtendedError) => void): void => {
    const address = services.addressOf(socket.request);
    const refused = check(socket, address);
    if (refused) {
      services.metrics.countRejectedConnection((refused.data as { code: string }).code);
      closeAfterRefusal(socket);
      return next(refused);
    }
    if (!sockets.hold(socket.id, address, socket.conn)) {
      socket.conn.close(true);
      return next(refusal(ErrorCode.TooManyConnections, 'One socket per connection.'));
    }
    socket.data.address = address;
    socket.once('disconnect', () => sockets.release(socket.id));
    next();
  };
}
