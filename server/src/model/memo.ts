/**
 * `compute`, remembered per key: for pure functions the model and rules ask the same thing of on every edit (a
 * document's heading names, its handful of zones written thousands of times). At most `max` keys are kept; past that
 * the table starts again.
 */
export function memoize<K, V>(compute: (key: K) => V, max: number): (key: K) => V {
  const values = new Map<K, V>();
  return (key) => {
    if (values.has(key)) return values.get(key) as V;
    const value = compute(key);
    if (values.size >= max) values.clear();
    values.set(key, value);
    return value;
  };
}
