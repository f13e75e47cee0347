import type Database from 'better-sqlite3';

/**
 * An open branch or HQ database. Named in a file of its own so that what opening one applies
 * (HQ's layout, db/hq-layout.ts) can take it without importing connection.ts back.
 */
export type DB = Database.Database;
