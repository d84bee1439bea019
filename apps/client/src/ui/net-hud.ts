/**
 * The Net HUD: what the netcode measures, as text over the game. F3 or N (when not typing)
 * and the "Net" button in the room bar toggle it. It is a pure view of `client.netHud()`,
 * refreshed a few times a second: per-frame numbers would only flicker.
 */
import type { NetHudStats, LinkProfile } from '@arena/shared/netcode/client';
import type { ArenaClient } from '../game/arena-client.js';
import type { ConnectionState } from '../net/game-connection.js';
import { isTyping } from './keyboard-input.js';
import { describeLink } from './status-line.js';

const REFRESH_MS = 250;
const TOGGLE_KEYS: readonly string[] = ['F3', 'KeyN'];

function ms(value: number | undefined): string {
  return value === undefined ? '…' : `${Math.round(value)} ms`;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

export function netHudLines(
  s: NetHudStats,
  link: LinkProfile | null,
  connection: Pick<ConnectionState, 'messagesIn' | 'messagesOut'>,
): string[] {
  return [
    `RTT ${ms(s.rttMs)} · jitter ${ms(s.jitterMs)}`,
    `server ${s.serverTickRateHz.toFixed(0)} ticks/s · ${s.snapshotsPerSecond.toFixed(0)} snapshots/s`,
    `others drawn ${ms(s.othersBehindServerMs)} behind the server`,
    `interpolation ${ms(s.interpolationDelayMs)} · buffer ${s.bufferDepth} · extrapolated ${s.extrapolations}× · underruns ${s.underruns}`,
    `corrections ${s.correctionsPerSecond.toFixed(1)}/s · ${s.correctionPx.toFixed(1)} px (max ${s.maxCorrectionPx.toFixed(1)})`,
    `bytes/s in ${kilobytes(s.bytesInPerSecond)} · out ${kilobytes(s.bytesOutPerSecond)}`,
    `transport ${s.transport} · messages ${connection.messagesIn} in / ${connection.messagesOut} out`,
    link ? describeLink(link) : 'real link (try ?lag=150&jitter=30)',
  ];
}

class NetHud {
  private wanted = false;

  constructor(
    private readonly client: ArenaClient,
    private readonly panel: HTMLElement,
    private readonly button: HTMLButtonElement,
  ) {}

  mount(): void {
    this.button.addEventListener('click', () => {
      // Focus left on the button would turn Space (dash) into another click.
      this.button.blur();
      this.toggle();
    });
    window.addEventListener('keydown', (event) => {
      if (!TOGGLE_KEYS.includes(event.code) || isTyping(event.target)) return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      // F3 is also the browser's "find next".
      event.preventDefault();
      this.toggle();
    });
    this.client.onSessionChange(() => this.render());
    setInterval(() => this.render(), REFRESH_MS);
    this.render();
  }

  private toggle(): void {
    this.wanted = !this.wanted;
    this.render();
  }

  private render(): void {
    const stats = this.wanted ? this.client.netHud() : null;
    this.panel.hidden = stats === null;
    this.button.setAttribute('aria-pressed', String(this.wanted));
    if (!stats) return;
    const { connection } = this.client;
    const text = netHudLines(stats, connection.link, connection.state).join('\n');
    if (this.panel.textContent !== text) this.panel.textContent = text;
  }
}

export function mountNetHud(client: ArenaClient, panel: HTMLElement, button: HTMLButtonElement) {
  new NetHud(client, panel, button).mount();
}
