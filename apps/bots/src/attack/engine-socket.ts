/**
 * A socket.io connection spoken by hand (engine.io v4 over a raw WebSocket), for the frames
 * and timings socket.io-client never produces.
 */
import { PROTOCOL_VERSION } from '@arena/shared/protocol';
import type { AttackTarget } from './attack.js';
import { RawTcp, type RawTcpOptions } from './raw-tcp.js';

export const ENGINE_PATH = '/socket.io/?EIO=4&transport=websocket';

/** socket.io CONNECT to `namespace` with the handshake's auth. */
export function connectFrame(namespace = '/', protocolVersion = PROTOCOL_VERSION): string {
  const auth = JSON.stringify({ protocolVersion });
  return namespace === '/' ? `40${auth}` : `40${namespace},${auth}`;
}

/** socket.io EVENT frame. */
export function eventFrame(event: string, ...args: unknown[]): string {
  return `42${JSON.stringify([event, ...args])}`;
}

/**
 * Opens an engine.io connection and waits for its open packet; undefined if the server
 * refused it (a limit) or it failed.
 */
export async function openEngine(
  target: AttackTarget,
  options: Partial<RawTcpOptions> = {},
): Promise<RawTcp | undefined> {
  const raw = await RawTcp.upgrade(target.port, { path: ENGINE_PATH, ...options }).catch(
    () => undefined,
  );
  if (!raw?.accepted) {
    raw?.destroy();
    return undefined;
  }
  try {
    await raw.until(() => raw.texts.some((t) => t.startsWith('0')));
    return raw;
  } catch {
    raw.destroy();
    return undefined;
  }
}

/** Resolves once the server answered a CONNECT: `accepted`, `refused`, or `closed`. */
export async function connectOutcome(raw: RawTcp): Promise<'accepted' | 'refused' | 'closed'> {
  await raw
    .until(() => raw.endedBy !== 'open' || raw.texts.some((t) => /^4[04]/.test(t)))
    .catch(() => undefined);
  if (raw.texts.some((t) => t.startsWith('40'))) return 'accepted';
  if (raw.texts.some((t) => t.startsWith('44'))) return 'refused';
  return 'closed';
}
