/**
 * What the Dataset tab's store needs from the layers below: the importer worker's door, the picked
 * folder's files, and the stored datasets and thumbnails. The stores reach them only through here.
 */
export { createImporterClient, type ImporterClient } from '../bridge/importer';
export { entriesOf, folderFromEntries, folderFromInput } from '../bridge/entries';
export {
  deleteDataset,
  getThumb,
  getThumbs,
  listDatasets,
  listImageIds,
  pathOfImageId,
} from '../storage/datasets';
