// Advisory lock keys (two-int form: namespace, object). Namespaces of this application's own keep them clear of
// locks other software may take in the same database.
export const LOCK_NAMESPACE = 0x6f6e62; // "onb"

/** migrations: one process migrates, a second one waits and then finds nothing to do */
export const MIGRATION_LOCK = 1;
/** projections: appends hold it shared, a rebuild exclusively, so a rebuild never interleaves with an append */
export const PROJECTION_LOCK = 2;
/**
 * activity records (records.ts): namespace of the per-collection locks, object = hashtext(collection). Two names
 * hashing alike would only share one lock.
 */
export const RECORDS_LOCK_NAMESPACE = LOCK_NAMESPACE + 1;
