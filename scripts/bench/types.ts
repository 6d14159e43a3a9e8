/** One line of the `npm run bench` table. */
export interface BenchRow {
  area: string;
  case: string;
  metric: string;
  value: number;
  unit: string;
  note?: string;
}
