/**
 * Runs rules one after another against a server, each with its own connections and a time
 * limit, and reports each one as passed or failed with the reason.
 */
import { RuleContext, type Rule } from './rule.js';
import { RULES } from './rules/index.js';

export interface RuleResult {
  id: string;
  section: string;
  says: string;
  passed: boolean;
  ms: number;
  /** Why it failed. */
  error?: string;
}

export interface SuiteOptions {
  url: string;
  /** Rule ids to run; all when absent. */
  only?: readonly string[];
  ruleTimeoutMs?: number;
  /** Called as each rule ends, for a live report. */
  onResult?: (result: RuleResult) => void;
}

export async function runSuite(options: SuiteOptions): Promise<RuleResult[]> {
  const unknown = options.only?.filter((id) => !RULES.some((r) => r.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`no such rule: ${unknown.join(', ')}`);
  const rules = RULES.filter((r) => !options.only || options.only.includes(r.id));
  const results: RuleResult[] = [];
  for (const rule of rules) {
    const result = await runRule(rule, options.url, options.ruleTimeoutMs ?? 20_000);
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}

async function runRule(rule: Rule, url: string, timeoutMs: number): Promise<RuleResult> {
  const ctx = new RuleContext(url);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  const { id, section, says } = rule;
  try {
    await Promise.race([rule.run(ctx), timeout]);
    return { id, section, says, passed: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      id,
      section,
      says,
      passed: false,
      ms: Math.round(performance.now() - started),
      error: message,
    };
  } finally {
    clearTimeout(timer);
    ctx.closeAll();
  }
}
