/**
 * A histogram for /metrics that is observed far more often than it is scraped: each room's
 * tick duration (600 times a second for 20 rooms) and each input's wait at the server (30 a
 * second per player). prom-client's `observe` hashes its labels and looks its series up on
 * each call: about a microsecond, a share of a room tick that showed in profiles. So values
 * are counted here in plain numbers, and prom-client is handed the totals when it is scraped,
 * in the shape its own histogram gives them (cumulative `le` buckets, `+Inf`, sum, count).
 */
import { Histogram, type Registry } from 'prom-client';

type Exported = Awaited<ReturnType<Histogram['get']>>;

export class CountedHistogram extends Histogram {
  /** Ticks per bucket (not cumulative); the last counts those above every bound. */
  private readonly counts: number[];
  private sumSeconds = 0;
  private total = 0;

  constructor(
    private readonly metricName: string,
    private readonly metricHelp: string,
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    super({ name: metricName, help: metricHelp, buckets: [...bounds], registers: [registry] });
    this.counts = new Array<number>(bounds.length + 1).fill(0);
  }

  record(seconds: number): void {
    let bucket = 0;
    while (bucket < this.bounds.length && seconds > this.bounds[bucket]!) bucket += 1;
    this.counts[bucket]! += 1;
    this.sumSeconds += seconds;
    this.total += 1;
  }

  /** What the registry reads at a scrape (prom-client's histogram has the same method). */
  getForPromString(): Promise<Exported> {
    return this.get();
  }

  override get(): Promise<Exported> {
    const bucketName = `${this.metricName}_bucket`;
    let below = 0;
    // The fields prom-client's own histogram gives, `exemplar` included (none is kept here).
    const values: object[] = this.bounds.map((le, i) => {
      below += this.counts[i]!;
      return { labels: { le }, value: below, metricName: bucketName, exemplar: null };
    });
    values.push(
      { labels: { le: '+Inf' }, value: this.total, metricName: bucketName, exemplar: null },
      { labels: {}, value: this.sumSeconds, metricName: `${this.metricName}_sum` },
      { labels: {}, value: this.total, metricName: `${this.metricName}_count` },
    );
    // prom-client types `type` as an enum it does not export at run time: the value is this.
    const exported = { name: this.metricName, help: this.metricHelp, type: 'histogram', values };
    return Promise.resolve({ ...exported, aggregator: 'sum' } as unknown as Exported);
  }
}
