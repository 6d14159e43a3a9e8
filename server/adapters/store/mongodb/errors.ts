import mongoose from 'mongoose';
import { AppError, conflict, type ErrorDetail } from '../../../errors.ts';

interface DriverError {
  name?: string;
  code?: unknown;
  message?: string;
  keyPattern?: Record<string, unknown>;
  keyValue?: Record<string, unknown>;
  writeErrors?: { err?: { keyPattern?: Record<string, unknown> } }[];
  hasErrorLabel?: (label: string) => boolean;
}

/** Internal unique keys named as the port's field. */
const DUPLICATE_KEY_FIELDS: Record<string, string> = {
  emailKey: 'email',
  nameKey: 'name',
  'source.source': 'source',
  'source.sourceId': 'source',
};

/** The embedded store's wording, so both adapters answer a duplicate the same way. */
function conflictWording(entity: string, field: string): { message: string; detail: string } {
  if (field === 'email') return { message: 'Email already registered', detail: 'already registered' };
  if (field === 'source') return { message: `A ${entity} with this source id exists`, detail: 'duplicate' };
  return { message: `A ${entity} with this ${field} already exists`, detail: 'already exists' };
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as DriverError).code === 11000;
}

/** The port field a duplicate-key error is about, from its key pattern or, failing that, its message. */
export function duplicateKeyField(error: unknown): string | null {
  if (!isDuplicateKeyError(error)) return null;
  const driverError = error as DriverError;
  const pattern =
    driverError.keyPattern ?? driverError.keyValue ?? driverError.writeErrors?.[0]?.err?.keyPattern;
  const key =
    (pattern && Object.keys(pattern)[0]) ?? /dup key: \{ "?([\w.]+)"?:/.exec(driverError.message ?? '')?.[1];
  if (key === undefined) return null;
  return DUPLICATE_KEY_FIELDS[key] ?? key;
}

/** Worth retrying: the server could not be reached or the driver labelled the failure transient. */
export function isTransientMongoError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const driverError = error as DriverError;
  if (/ServerSelection|Network|PoolCleared/.test(driverError.name ?? '')) return true;
  return (
    typeof driverError.hasErrorLabel === 'function' &&
    ['TransientTransactionError', 'RetryableWriteError', 'ResetPool'].some((label) =>
      driverError.hasErrorLabel?.(label),
    )
  );
}

function detailPath(path: string): string {
  return `/${path.replace(/\./g, '/')}`;
}

/** Driver and mongoose errors as AppErrors with stable codes; anything unexpected passes through. */
export function translateMongoError(error: unknown, entity: string): unknown {
  if (error instanceof AppError) return error;
  if (isDuplicateKeyError(error)) {
    const field = duplicateKeyField(error) ?? 'key';
    const wording = conflictWording(entity, field);
    return conflict(wording.message, [{ path: detailPath(field), message: wording.detail }]);
  }
  if (error instanceof mongoose.Error.ValidationError) {
    const details: ErrorDetail[] = Object.values(error.errors).map((cause) => ({
      path: detailPath(cause.path),
      message: cause.message,
    }));
    return new AppError('validation_failed', `Invalid ${entity}`, details);
  }
  if (error instanceof mongoose.Error.CastError || error instanceof mongoose.Error.StrictModeError) {
    const path = 'path' in error && typeof error.path === 'string' ? error.path : '';
    return new AppError('validation_failed', `Invalid ${entity}`, [
      { path: detailPath(path), message: error.message },
    ]);
  }
  if (isTransientMongoError(error)) {
    return new AppError('unavailable', 'MongoDB is unreachable; try again shortly');
  }
  return error;
}
