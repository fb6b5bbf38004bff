import { builtInModels, downloadUrls } from '../bridge/engine-pool';
import { areStored } from '../storage/model-files';

/** The engine's door (worker pool), for the engine store: stores reach the bridge only through the app layer. */
export { createEngineClient, defaultModelId, thresholdsOf } from '../bridge/engine-pool';

/** The ids of the built-in models that are downloaded when first picked and are stored on this device. */
export async function downloadedModels(): Promise<string[]> {
  const onDemand = builtInModels.filter((m) => m.download);
  const stored = await Promise.all(onDemand.map((m) => areStored(downloadUrls(m))));
  return onDemand.filter((_, i) => stored[i]).map((m) => m.id);
}
