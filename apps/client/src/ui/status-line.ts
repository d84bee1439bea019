/**
 * The connection status line: the WebSocket API's states in words (connecting, open on which
 * transport, closed with the reason, error with the message), and whether a simulated link
 * (`?lag=`) slows everything down, so nobody mistakes it for a slow server. The message
 * counters are a developer's concern: they are in the Net HUD.
 */
import type { LinkProfile } from '@arena/shared/netcode/client';
import {
  ConnectionStatus,
  type ConnectionState,
  type GameConnection,
} from '../net/game-connection.js';

export function describeConnection(state: Readonly<ConnectionState>): string {
  const fallback = state.webSocketSupported ? '' : ' (no WebSocket in this browser)';
  switch (state.status) {
    case ConnectionStatus.Connecting:
      return `connecting${state.detail ? `: ${state.detail}` : '…'}${fallback}`;
    case ConnectionStatus.Open:
      return `open via ${state.transport ?? '?'}${fallback}`;
    case ConnectionStatus.Closed:
      return `closed: ${state.detail || 'no reason given'}`;
    case ConnectionStatus.Error:
      return `error: ${state.detail || 'unknown'}`;
  }
}

/** "simulated link: +150 ms each way ± 30, 2% stalls". */
export function describeLink(link: LinkProfile): string {
  const jitter = link.jitterMs > 0 ? ` ± ${link.jitterMs}` : '';
  const stalls = link.stallPercent > 0 ? `, ${link.stallPercent}% stalls` : '';
  return `simulated link: +${link.latencyMs} ms each way${jitter}${stalls}`;
}

/** `linkProblem`: why the page's `?lag=…` was ignored, if it was. */
export function mountStatusLine(
  connection: GameConnection,
  element: HTMLElement,
  linkProblem?: string,
): void {
  const link = connection.link ? describeLink(connection.link) : linkProblem;
  const render = (state: Readonly<ConnectionState>) => {
    const text = link ? `${describeConnection(state)} · ${link}` : describeConnection(state);
    // textContent only: a server's error message is text, never markup.
    if (element.textContent !== text) element.textContent = text;
    element.dataset['status'] = state.status;
  };
  render(connection.state);
  connection.onStateChange(render);
}
