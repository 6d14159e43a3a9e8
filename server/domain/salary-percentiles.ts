/**
 * The order statistics behind the salary bands: weighted percentiles of a sorted run, one sort that
 * yields as it goes, and the outlier fence a segment's pay is trimmed to.
 */

/**
 * The outlier fence of a segment, on the logarithm of pay (pay is roughly log-normal, so the fence is a
 * ratio): values further from the median than `mads` scaled median absolute deviations (1.4826 × MAD,
 * which is σ for normal data) are set aside, but nothing within a factor `minRatio` of the median ever
 * is. Median and MAD give every contributor one vote whatever its weight, and stay put until half the
 * votes are bad, so a handful of bad values cannot drag the fence out with them.
 */
export const OUTLIER_FENCE = { mads: 4, minRatio: 2 } as const;
const MAD_TO_SIGMA = 1.4826;

interface WeightedValue {
  value: number;
  weight: number;
}

/**
 * Weighted percentile, each sample centred on its share of the total weight (with equal weights this
 * is the Hazen rule: the i-th of n sorted values sits at (i + 0.5) / n), linear between neighbours.
 */
export function weightedPercentile(sorted: readonly WeightedValue[], fraction: number): number {
  const [result] = percentilesOf(
    sorted.map((entry) => entry.value),
    sorted.map((entry) => entry.weight),
    [fraction],
  );
  return result!;
}

/**
 * `weightedPercentile` for several ascending fractions in one pass over `values[start, end)` and their
 * `weights`, the values sorted.
 */
export function percentilesOf(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  fractions: number[],
  start = 0,
  end = values.length,
): number[] {
  let total = 0;
  for (let index = start; index < end; index += 1) total += weights[index]!;
  const results: number[] = [];
  let before = 0;
  let previousCentre = Number.NaN;
  let previousValue = Number.NaN;
  for (let index = start; index < end && results.length < fractions.length; index += 1) {
    const value = values[index]!;
    const centre = (before + weights[index]! / 2) / total;
    while (results.length < fractions.length && centre >= fractions[results.length]!) {
      const fraction = fractions[results.length]!;
      results.push(
        index === start
          ? value
          : previousValue +
              ((fraction - previousCentre) / (centre - previousCentre)) * (value - previousValue),
      );
    }
    previousCentre = centre;
    previousValue = value;
    before += weights[index]!;
  }
  while (results.length < fractions.length) results.push(previousValue);
  return results;
}

/**
 * The indexes of `keys` in ascending order of their key, ties in index order: a bottom-up merge sort
 * over typed arrays that pauses after about `slice` moves, so a caller can yield between steps.
 */
export function* ascendingOrder(keys: Float64Array, slice: number): Generator<void, Uint32Array> {
  const n = keys.length;
  let from = new Uint32Array(n);
  let to = new Uint32Array(n);
  for (let index = 0; index < n; index += 1) from[index] = index;
  let moves = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let start = 0; start < n; start += 2 * width) {
      const middle = Math.min(start + width, n);
      const end = Math.min(start + 2 * width, n);
      let left = start;
      let right = middle;
      let at = start;
      while (left < middle && right < end) {
        to[at++] = keys[from[left]!]! <= keys[from[right]!]! ? from[left++]! : from[right++]!;
      }
      while (left < middle) to[at++] = from[left++]!;
      while (right < end) to[at++] = from[right++]!;
      moves += end - start;
      if (moves >= slice) {
        moves = 0;
        yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

/**
 * The outlier fence of the sorted run `values[start, end)`, as the lowest and highest value it keeps. The
 * median and MAD are taken over `votes` (each contributor's samples share one); the deviations are read
 * in ascending order by walking outward from the median, since the run is sorted.
 */
export function outlierFence(
  values: ArrayLike<number>,
  votes: ArrayLike<number>,
  start: number,
  end: number,
): { low: number; high: number } {
  const [median] = percentilesOf(values, votes, [0.5], start, end);
  const centre = Math.log(median!);
  let total = 0;
  for (let index = start; index < end; index += 1) total += votes[index]!;
  let right = start;
  while (right < end && values[right]! < median!) right += 1;
  let left = right - 1;
  let counted = 0;
  let mad = 0;
  while (counted < total / 2 && (left >= start || right < end)) {
    const below = left >= start ? centre - Math.log(values[left]!) : Number.POSITIVE_INFINITY;
    const above = right < end ? Math.log(values[right]!) - centre : Number.POSITIVE_INFINITY;
    if (below <= above) {
      mad = below;
      counted += votes[left]!;
      left -= 1;
    } else {
      mad = above;
      counted += votes[right]!;
      right += 1;
    }
  }
  const reach = Math.max(Math.log(OUTLIER_FENCE.minRatio), OUTLIER_FENCE.mads * MAD_TO_SIGMA * mad);
  return { low: Math.exp(centre - reach), high: Math.exp(centre + reach) };
}
