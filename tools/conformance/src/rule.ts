/**
 * One observable rule of docs/PROTOCOL.md: where the page says it, what it says, and a check
 * that runs it against a live server. A rule throws (`RuleFailed` or any error) when the server
 * does something else. Each rule opens its own connections; `RuleContext` closes them after it,
 * leaving any room first, so a rule never leaves a held seat or an open room behind.
 */
import { ConformanceClient, type ConnectOptions, type Payload } from './client.js';

export interface Rule {
  /** Short and stable, for `--only` and the JSON report. */
  id: string;
  /** Where PROTOCOL.md says it, e.g. "§6". */
  section: string;
  /** What the page promises, in one line. */
  says: string;
  run: (ctx: RuleContext) => Promise<void>;
}

export class RuleFailed extends Error {
  override name = 'RuleFailed';
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new RuleFailed(message);
}

export type Joined = Payload & { roomCode: string; selfId: number; sessionToken: string };

export class RuleContext {
  private readonly clients: ConformanceClient[] = [];

  constructor(readonly url: string) {}

  /** A connection that is closed after the rule. */
  async open(options?: ConnectOptions): Promise<ConformanceClient> {
    const client = await ConformanceClient.connect(this.url, options);
    this.clients.push(client);
    return client;
  }

  /** A connection seated by `event` (`room:create` or `room:join`), with its `room:joined`. */
  async seat(event: string, payload: Payload, options?: ConnectOptions) {
    const client = await this.open(options);
    const joined = await client.request<Joined>(event, payload, 'room:joined');
    return { client, joined };
  }

  /** Leaves any room (so no seat is held for the grace period), then closes. */
  closeAll(): void {
    for (const client of this.clients.splice(0)) {
      if (client.socket.connected) client.emit('room:leave', {});
      client.close();
    }
  }
}
