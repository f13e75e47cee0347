import { useEffect, useState } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../../shared/contract/index';
import { api } from '../../api/client';

export interface ReportState<M extends MethodName> {
  /** The last answer; kept while the next one loads, so the page does not flash empty. */
  data: OutputOf<M> | null;
  error: unknown;
  loading: boolean;
  /** `data` answers the input asked now, not an earlier one (an answer that acts must check this) */
  current: boolean;
}

/**
 * Asks a report method whenever its input changes (compared by value) or `refresh` is a new
 * value, and drops answers that arrive after a newer question. `null` input asks nothing.
 */
export function useReport<M extends MethodName>(method: M, input: InputOf<M> | null, refresh?: unknown): ReportState<M> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ data: OutputOf<M> | null; error: unknown; loading: boolean; answers: string | null }>({
    data: null,
    error: null,
    loading: key !== null,
    answers: null,
  });

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.call(method, JSON.parse(key) as InputOf<M>).then(
      (data) => current && setState({ data, error: null, loading: false, answers: key }),
      (error: unknown) => current && setState((s) => ({ ...s, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [method, key, refresh]);

  return { data: state.data, error: state.error, loading: state.loading, current: key !== null && state.answers === key && !state.loading };
}
