/**
 * When this tab opens a snapshot mirror: a second connection for the seat it plays in, which
 * the server sends the room's snapshots on (and answers pings). One TCP connection holds
 * everything behind a lost packet for a round trip or more; two rarely stall at the same
 * moment, so the others can be drawn closer to the present (docs/NETCODE.md).
 *
 * `?streams=2` opens one, `?streams=1` never does; otherwise a touch device does (phones on
 * mobile radio stall the most, and they are the ones a second stream helps), a desktop does
 * not (it saves the server the second copy of every snapshot). On `?lag=` the mirror gets a
 * simulated link of its own, which stalls apart from the first, as a second connection would.
 */
import type { LinkProfile } from '@arena/shared/netcode/client';
import { connect } from './connection.js';
import type { GameConnection } from './game-connection.js';
import { withSimulatedLink } from './simulated-link-connection.js';

/** Opens the mirror of the seat that `sessionToken` names. */
export type OpenMirror = (sessionToken: string) => GameConnection;

/** Whether to open a mirror: `?streams=1|2` decides, else whether this is a touch device. */
export function mirrorWanted(search: string, touchDevice: boolean): boolean {
  const streams = new URLSearchParams(search).get('streams');
  if (streams === '2') return true;
  if (streams === '1') return false;
  return touchDevice;
}

/** How this page opens a mirror: over the same simulated link profile as its connection. */
export function mirrorOpener(link: LinkProfile | undefined): OpenMirror {
  return (sessionToken) => {
    const mirror = connect({ mirrorOf: sessionToken });
    return link ? withSimulatedLink(mirror, link) : mirror;
  };
}
