/** Listing, renaming and deleting face databases, for the recognition store. */
export { deleteDatabase, listDatabases, renameDatabase } from '../storage/databases';
