import mongoose from 'mongoose';

// What the MongoDB translation tests share: they check documents, filters and errors without a server.

/** The paths mongoose refuses, or [] when the document is valid. */
export async function invalidPaths(doc: { validate(): Promise<unknown> }): Promise<string[]> {
  try {
    await doc.validate();
    return [];
  } catch (error) {
    if (!(error instanceof mongoose.Error.ValidationError)) throw error;
    return Object.keys(error.errors).sort();
  }
}

/** Drops mongoose's `trusted()` marker (a symbol key) so filters compare as plain objects. */
export const plain = <T>(value: T): T => structuredClone(value);

export function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

export function duplicateKeyError(
  keyPattern: Record<string, number>,
  message = 'E11000 duplicate key error',
) {
  return new mongoose.mongo.MongoServerError({ message, code: 11000, keyPattern, keyValue: {} });
}
