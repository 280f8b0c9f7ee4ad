// Advisory lock keys (two-int form: namespace, object). One namespace for this application keeps them clear of
// locks other software may take in the same database.
export const LOCK_NAMESPACE = 0x6f6e62; // "onb"

/** migrations: one process migrates, a second one waits and then finds nothing to do */
export const MIGRATION_LOCK = 1;
/** projections: appends hold it shared, a rebuild exclusively, so a rebuild never interleaves with an append */
export const PROJECTION_LOCK = 2;
