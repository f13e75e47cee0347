import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_AFTER_START_MS } from '../../../services/backup/requests';
import type { DB } from '../../../db/connection';
import { scheduleMaintenance } from '../../../services/core/maintenance';
import { counter } from '../points-fixtures';

// The chores ask for the backups the clock calls for (docs/backup.md "When"); the side host copies
// them. Timers are faked, and the app's clock moved with them.

afterEach(() => vi.useRealTimers());

const requests = (db: DB) => db.prepare('SELECT kind, state, requested_by FROM backups ORDER BY id').all();

describe('the chores and the backups', () => {
  it('ask for the start-up backup a minute after they start, and the daily one at the hour', () => {
    const c = counter();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const stop = scheduleMaintenance(c.t.app);
    try {
      vi.advanceTimersByTime(BACKUP_AFTER_START_MS - 1);
      expect(requests(c.t.db)).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(requests(c.t.db)).toEqual([{ kind: 'startup', state: 'requested', requested_by: null }]);
      // No good daily backup yet: the first hourly run asks for one.
      vi.advanceTimersByTime(60 * 60 * 1000);
      expect(requests(c.t.db)).toEqual([
        { kind: 'startup', state: 'requested', requested_by: null },
        { kind: 'daily', state: 'requested', requested_by: null },
      ]);
    } finally {
      stop();
    }
  });
});
