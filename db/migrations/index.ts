import * as m0001 from './0001-foundation';
import * as m0002 from './0002-points';
import * as m0003 from './0003-covering-indexes';
import * as m0004 from './0004-expiring-covering';
import * as m0005 from './0005-followups';
import * as m0006 from './0006-counter-indexes';
import * as m0007 from './0007-report-indexes';
import * as m0008 from './0008-store-takings';
import * as m0009 from './0009-report-summaries';
import * as m0010 from './0010-hq-merge';
import * as m0011 from './0011-sale-voids';
import * as m0012 from './0012-member-browse';
import * as m0013 from './0013-sale-categories';
import * as m0014 from './0014-jobs';
import * as m0015 from './0015-followup-recheck';
import * as m0016 from './0016-imports';
import * as m0017 from './0017-member-duplicates';
import * as m0018 from './0018-backups';
import * as m0019 from './0019-restore-epoch';
import * as m0020 from './0020-consent-notice';
import * as m0021 from './0021-member-erasure';
import * as m0022 from './0022-audit-trail';
import * as m0023 from './0023-notice-languages';
import * as m0024 from './0024-consent-travel';
import * as m0025 from './0025-demo-members';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** rebuilds a table others refer to: run with foreign keys off, checked before commit */
  foreignKeysOff?: boolean;
}

/** Numbered in order; never edit one that has shipped, add the next. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-foundation', sql: m0001.sql },
  { version: 2, name: '0002-points', sql: m0002.sql },
  { version: 3, name: '0003-covering-indexes', sql: m0003.sql },
  { version: 4, name: '0004-expiring-covering', sql: m0004.sql },
  { version: 5, name: '0005-followups', sql: m0005.sql },
  { version: 6, name: '0006-counter-indexes', sql: m0006.sql },
  { version: 7, name: '0007-report-indexes', sql: m0007.sql },
  { version: 8, name: '0008-store-takings', sql: m0008.sql },
  { version: 9, name: '0009-report-summaries', sql: m0009.sql },
  { version: 10, name: '0010-hq-merge', sql: m0010.sql, foreignKeysOff: m0010.foreignKeysOff },
  { version: 11, name: '0011-sale-voids', sql: m0011.sql, foreignKeysOff: m0011.foreignKeysOff },
  { version: 12, name: '0012-member-browse', sql: m0012.sql },
  { version: 13, name: '0013-sale-categories', sql: m0013.sql },
  { version: 14, name: '0014-jobs', sql: m0014.sql },
  { version: 15, name: '0015-followup-recheck', sql: m0015.sql },
  { version: 16, name: '0016-imports', sql: m0016.sql },
  { version: 17, name: '0017-member-duplicates', sql: m0017.sql },
  { version: 18, name: '0018-backups', sql: m0018.sql },
  { version: 19, name: '0019-restore-epoch', sql: m0019.sql },
  { version: 20, name: '0020-consent-notice', sql: m0020.sql },
  { version: 21, name: '0021-member-erasure', sql: m0021.sql },
  { version: 22, name: '0022-audit-trail', sql: m0022.sql },
  { version: 23, name: '0023-notice-languages', sql: m0023.sql },
  { version: 24, name: '0024-consent-travel', sql: m0024.sql },
  { version: 25, name: '0025-demo-members', sql: m0025.sql },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
