/**
 * The load generator: the run's clients spread over a few bot processes (bot-process.ts), away
 * from the server's process, each measuring its own bots and its own cost.
 */
import { forkTypeScript, request, stopChild, type BenchChild } from '../child-process.js';
import type { SystemName } from '../systems.js';
import {
  seatingDeadlineMs,
  type BotWindow,
  type FleetPlan,
  type FleetReply,
} from './fleet-messages.js';

export interface FleetOptions {
  system: SystemName;
  url: string;
  clients: number;
  processes: number;
  seed: number;
  staggerMs: number;
  /** Options for Node itself in bot process `index` (a `--cpu-prof`). */
  nodeArgsFor?: (index: number) => string[];
}

export interface Fleet {
  /** Resolves once every bot is seated or has failed to be. */
  ready: Promise<{ seated: number; failures: string[] }>;
  openWindow: () => void;
  closeWindow: () => Promise<BotWindow[]>;
  stop: () => Promise<void>;
}

const WINDOW_REPLY_TIMEOUT_MS = 20_000;
/**
 * The deadline runs from when a bot process reads its plan; on a loaded machine starting it
 * (tsx compiling the bots) and its late event loop can take a minute or two more.
 */
const READY_REPLY_MARGIN_MS = 120_000;

/** `clients` over `processes`, the first ones taking the remainder. */
export function shares(clients: number, processes: number): number[] {
  const n = Math.max(1, Math.min(processes, clients));
  return Array.from({ length: n }, (_, i) => Math.floor(clients / n) + (i < clients % n ? 1 : 0));
}

export function startFleet(options: FleetOptions): Fleet {
  const children: BenchChild[] = [];
  const plans: FleetPlan[] = [];
  let firstIndex = 0;
  for (const count of shares(options.clients, options.processes)) {
    const { system, url, seed, staggerMs } = options;
    const deadlineMs = seatingDeadlineMs(count, staggerMs);
    plans.push({ system, url, count, firstIndex, seed, staggerMs, seatingDeadlineMs: deadlineMs });
    const nodeArgs = options.nodeArgsFor?.(children.length) ?? [];
    children.push(forkTypeScript(new URL('./bot-process.ts', import.meta.url), {}, nodeArgs));
    firstIndex += count;
  }
  const ready = Promise.all(
    children.map((child, i) =>
      request<FleetReply, 'ready'>(
        child,
        { type: 'start', plan: plans[i] },
        'ready',
        plans[i]!.seatingDeadlineMs + READY_REPLY_MARGIN_MS,
      ),
    ),
  ).then((replies) => ({
    seated: replies.reduce((n, r) => n + r.seated, 0),
    failures: replies.flatMap((r) => r.failures),
  }));
  return {
    ready,
    openWindow: () => {
      for (const child of children) child.process.send({ type: 'window-start' });
    },
    closeWindow: async () => {
      const replies = await Promise.all(
        children.map((child) =>
          request<FleetReply, 'window'>(
            child,
            { type: 'window-end' },
            'window',
            WINDOW_REPLY_TIMEOUT_MS,
          ),
        ),
      );
      return replies.map((r) => r.window);
    },
    stop: async () => {
      await Promise.all(children.map((child) => stopChild(child, 15_000)));
    },
  };
}
