/** What the stores may ask of the browser's storage: counts, quota, persistence and erasing it all. */
export * from '../storage/quota';
