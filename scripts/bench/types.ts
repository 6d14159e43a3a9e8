/** One line of `npm run bench`. */
export type BenchRow = {
  area: string;
  case: string;
  metric: string;
  value: number;
  unit: string;
  note?: string;
};
