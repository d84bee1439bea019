/**
 * When not to believe a run. Bots and server share one machine (here, with other people's
 * work too), so a run can measure the load generator's limit or the machine's instead of the
 * server's. These rules look at what the bots and the machine went through and say so in
 * words a reader cannot mistake for a finding about the server.
 */
import type { RunFigures } from './run-figures.js';

export const WarningKind = {
  /** The bots could not keep their own beat: latency and rates describe them, not the server. */
  LoadGenerator: 'load-generator',
  /** The machine was busy: the server shared its cores with other work. */
  Machine: 'machine',
  /** The server dropped or refused inputs (late, or past its backlog). */
  Inputs: 'inputs',
  /** Not every client asked for was seated. */
  Seats: 'seats',
} as const;
export type WarningKind = (typeof WarningKind)[keyof typeof WarningKind];

export interface SaturationWarning {
  kind: WarningKind;
  message: string;
}

/** A bot loop later than this (p99) delays inputs and ack readings by as much. */
export const BOT_LOOP_LAG_LIMIT_MS = 15;
/** A bot process busier than this has no slack left for bursts. */
export const BOT_UTILIZATION_LIMIT = 0.9;
/** Bots sending fewer inputs than this share of the tick rate fell behind their own clock. */
export const INPUT_RATE_SHARE = 0.95;
/** The machine's cores busier than this share: everyone waits for a core. */
export const MACHINE_BUSY_SHARE = 0.9;
/** Other work using more than this share of the cores competed with the run. */
export const OTHER_LOAD_SHARE = 0.25;
export const INPUTS_DROPPED_LIMIT_PERCENT = 2;

const f1 = (n: number) => n.toFixed(1);

function loadGeneratorWarning(r: RunFigures, tickRateHz: number): SaturationWarning | null {
  const reasons: string[] = [];
  if (r.botLoopLagP99Ms > BOT_LOOP_LAG_LIMIT_MS) {
    reasons.push(
      `the bots' event loop ran ${f1(r.botLoopLagP99Ms)} ms late at p99 (limit ${BOT_LOOP_LAG_LIMIT_MS} ms, worst ${f1(r.botLoopLagMaxMs)} ms)`,
    );
  }
  if (r.botUtilization > BOT_UTILIZATION_LIMIT) {
    reasons.push(`a bot process was busy ${Math.round(r.botUtilization * 100)} % of the time`);
  }
  if (r.inputsPerClientPerS < tickRateHz * INPUT_RATE_SHARE) {
    reasons.push(
      `the bots sent ${f1(r.inputsPerClientPerS)} inputs/s per client instead of ${tickRateHz}`,
    );
  }
  if (reasons.length === 0) return null;
  return {
    kind: WarningKind.LoadGenerator,
    message:
      `LOAD GENERATOR SATURATED: ${reasons.join('; ')}. These figures show the bots' limit, ` +
      `not the server's: the bots' own delay is inside every latency, and missing inputs or ` +
      `snapshots may be theirs. Use fewer clients, more --bot-processes, or a quieter machine.`,
  };
}

function machineWarning(r: RunFigures): SaturationWarning | null {
  const busy = r.machineBusyCores > r.machineCores * MACHINE_BUSY_SHARE;
  const others = r.otherCores > r.machineCores * OTHER_LOAD_SHARE;
  const loaded = r.loadAverage1m > r.machineCores;
  if (!busy && !others && !loaded) return null;
  return {
    kind: WarningKind.Machine,
    message:
      `MACHINE BUSY: ${f1(r.machineBusyCores)} of ${r.machineCores} cores busy during the run, ` +
      `${f1(r.otherCores)} of them by processes outside this bench; load average ` +
      `${f1(r.loadAverage1m)}. The server waited for a core: its latency and the largest ` +
      `client count it holds are understated, and the CPU it used may read a little high.`,
  };
}

function inputsWarning(r: RunFigures, loadGeneratorSaturated: boolean): SaturationWarning | null {
  if (r.inputsDroppedPercent <= INPUTS_DROPPED_LIMIT_PERCENT) return null;
  const whose = loadGeneratorSaturated
    ? 'The bots were late too (see above), so these may be theirs.'
    : "The bots kept their beat, so this is the server's doing (or the machine's).";
  return {
    kind: WarningKind.Inputs,
    message: `INPUTS DROPPED: ${f1(r.inputsDroppedPercent)} % of the inputs sent were late, duplicate or dropped at the server. ${whose}`,
  };
}

export function saturationWarnings(
  r: RunFigures,
  expectedClients: number,
  tickRateHz: number,
): SaturationWarning[] {
  const generator = loadGeneratorWarning(r, tickRateHz);
  const warnings = [generator, machineWarning(r), inputsWarning(r, generator !== null)];
  if (r.clients < expectedClients) {
    warnings.push({
      kind: WarningKind.Seats,
      message: `SEATS: only ${r.clients} of ${expectedClients} clients were seated; the figures are per seated client.`,
    });
  }
  return warnings.filter((w): w is SaturationWarning => w !== null);
}
