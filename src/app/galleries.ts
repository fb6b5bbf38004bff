/** Listing, renaming and deleting face databases, for the recognition store. */
export { deleteGallery, listGalleries, renameGallery } from '../storage/galleries';
