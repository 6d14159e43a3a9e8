import { asKey, badInput, byId, type FilterAndUpdate } from './checked-input.ts';

export function documentPut(key: unknown, value: unknown, now: Date): FilterAndUpdate {
  const json = JSON.stringify(value);
  if (json === undefined) throw badInput('value', 'JSON-serialisable');
  return { filter: byId(asKey(key, 'key')), update: { $set: { value: json, updatedAt: now } } };
}
