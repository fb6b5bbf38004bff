import { LikenessError, type ErrorCode } from '../core/errors';

/**
 * Rejects when the worker's script fails to load or the worker crashes, so that a call racing it
 * never waits forever; never rejects unhandled. `what` names the worker in the message.
 */
export function whenCrashed(worker: Worker, code: ErrorCode, what: string): Promise<never> {
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      reject(new LikenessError(code, `The ${what} stopped: ${event.message || 'it could not be loaded'}`));
    });
  });
  crashed.catch(() => {});
  return crashed;
}
