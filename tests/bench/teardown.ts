/**
 * What a bench started, stopped in the reverse order, once, however the bench ends: after its
 * work, after a failure, or on a signal (the terminal's Ctrl-C reaches the bench, but a
 * SIGTERM or SIGHUP sent to it alone would otherwise leave its children running).
 */
export class Teardown {
  private readonly stops: (() => Promise<void>)[] = [];
  private running: Promise<void> | undefined;

  add(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }

  /** Runs every stop, newest first; one that fails does not keep the others from running. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const stop of this.stops.reverse()) await stop().catch(() => undefined);
    })();
    return this.running;
  }

  stopOnSignals(name: string): void {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.on(signal, () => {
        console.error(`${name}: ${signal}; stopping what it started`);
        void this.run().finally(() => process.exit(1));
      });
  }
}
