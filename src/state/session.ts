import { useDataset } from './dataset';
import { useRecognition } from './recognition';

/**
 * What every tab needs after a reload, read back from storage at start whichever tab is open: the
 * datasets and the chosen one, the face databases and the chosen one with its threshold, the last
 * recognition and one that was interrupted. The Dashboard brings its own evaluation back when shown.
 */
export async function restoreSession(): Promise<void> {
  await Promise.all([useDataset.getState().refresh(), useRecognition.getState().restore()]);
}
