/** What stops start-up when a declared name has no implementation, or two. */
export function exactlyOneEach<K extends string>(
  expected: readonly K[],
  found: ReadonlyMap<K, string[]>,
  what: { thing: string; implementation: string },
): string[] {
  const problems: string[] = [];
  for (const name of expected) {
    const places = found.get(name) ?? [];
    if (places.length === 0) problems.push(`no ${what.implementation} for ${what.thing} "${name}"`);
    if (places.length > 1)
      problems.push(`${what.thing} "${name}" has ${places.length} ${what.implementation}s: ${places.join(', ')}`);
  }
  return problems;
}
