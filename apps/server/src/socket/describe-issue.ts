/** A short, safe description of why a value failed its schema: the first issue, bounded. */
export function describeIssue(error: {
  issues: { path: PropertyKey[]; message: string }[];
}): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid payload';
  const where = issue.path.map(String).join('.').slice(0, 60);
  return (where ? `${where}: ` : '') + issue.message.slice(0, 120);
}
