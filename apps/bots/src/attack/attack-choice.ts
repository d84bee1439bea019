/**
 * `npm run attack -- --only a,b`: the attacks a person named, in the usual order. A name that
 * means nothing is refused with the list even beside names that do: dropped without a word, a
 * typo would leave out the very attack the run was for, and say so only minutes later.
 */
import { UsageError } from '@arena/devkit';

export function chooseAttacks<Plan extends { name: string }>(
  only: string | undefined,
  plans: readonly Plan[],
): readonly Plan[] {
  if (only === undefined) return plans;
  const names = only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !plans.some((plan) => plan.name === name));
  if (unknown.length > 0) {
    const known = plans.map((plan) => plan.name).join(', ');
    throw new UsageError(`--only names no attack: ${unknown.join(', ')} (the attacks: ${known})`);
  }
  return plans.filter((plan) => names.includes(plan.name));
}
