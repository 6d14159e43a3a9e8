/** The amounts a chart's scale is labelled with: round steps (1, 2, 2.5 or 5 × a power of ten) across a span. */
export function scaleTicks(low: number, high: number, target = 5): number[] {
  const span = high - low;
  if (!Number.isFinite(span) || span <= 0) return [];
  const rough = span / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high; tick += step) ticks.push(Math.round(tick));
  return ticks;
}
