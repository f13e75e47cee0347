import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutputOf } from '../../../shared/contract/index';
import { api } from '../../api/client';

type SearchResult = OutputOf<'members.search'>;
const EMPTY: SearchResult = { items: [], exact: null };

/**
 * Results as the clerk types. Answers can arrive out of order; only the answer to the latest
 * query is shown. `searchNow` lets Enter wait for the answer to exactly what is in the box
 * (a scanner types a card number and Enter faster than any debounce).
 */
export function useMemberSearch(q: string) {
  const [shown, setShown] = useState<{ query: string; result: SearchResult }>({ query: '', result: EMPTY });
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(0);

  const searchNow = useCallback(async (query: string): Promise<SearchResult> => {
    const ticket = ++latest.current;
    if (query.trim() === '') {
      setShown({ query, result: EMPTY });
      return EMPTY;
    }
    try {
      const r = await api.call('members.search', { q: query, limit: 20 });
      if (ticket === latest.current) {
        setShown({ query, result: r });
        setError(null);
      }
      return r;
    } catch (err) {
      if (ticket === latest.current) setError(err);
      return EMPTY;
    }
  }, []);

  useEffect(() => {
    void searchNow(q);
  }, [q, searchNow]);

  return { result: shown.result, shownQuery: shown.query, error, searchNow };
}
