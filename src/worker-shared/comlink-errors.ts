import * as Comlink from 'comlink';
import { LikenessError, type ErrorCode } from '../core/errors';

interface SerializedError {
  name: string;
  message: string;
  code?: ErrorCode;
  stack?: string;
}

/**
 * Comlink's default throw handler keeps only message and stack, so the UI
 * would lose an error's code. Installed on both sides of the worker boundary.
 */
export function installErrorTransfer(): void {
  const original = Comlink.transferHandlers.get('throw')!;
  Comlink.transferHandlers.set('throw', {
    canHandle: original.canHandle,
    serialize(thrown) {
      const { value } = thrown as { value: unknown };
      const error: SerializedError =
        value instanceof Error
          ? {
              name: value.name,
              message: value.message,
              stack: value.stack,
              code: value instanceof LikenessError ? value.code : undefined,
            }
          : { name: 'Error', message: String(value) };
      return [{ isError: true, value: error }, []];
    },
    deserialize(serialized) {
      const { value } = serialized as { value: SerializedError };
      const error = value.code ? new LikenessError(value.code, value.message) : new Error(value.message);
      error.stack = value.stack;
      throw error;
    },
  });
}
