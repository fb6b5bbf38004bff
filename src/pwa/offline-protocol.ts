/**
 * What the service worker tells pages while it stores the app for offline use (src/pwa/sw.ts), on one
 * BroadcastChannel: a first visit is not yet controlled by the worker, so it cannot be messaged
 * directly. Types only, shared by the worker and the UI.
 */
export const offlineChannel = 'likeness-offline';

export type OfflineMessage =
  /** Files stored so far of all the app needs offline (models, WASM, sample, app shell). */
  | { type: 'precache-progress'; files: number; totalFiles: number; bytes: number; totalBytes: number }
  /** Every file is stored; the worker takes over once it activates. */
  | { type: 'precache-done'; files: number; totalFiles: number; bytes: number; totalBytes: number }
  /** A page that opened the channel late asks for the latest progress. */
  | { type: 'precache-ask' };
