import { useEffect, useState } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../../shared/contract/index';
import { api } from '../../api/client';

export interface ReportState<M extends MethodName> {
  /** The last answer; kept while the next one loads, so the page does not flash empty. */
  data: OutputOf<M> | null;
  error: unknown;
  loading: boolean;
}

/**
 * Asks a report method whenever its input changes (compared by value) or `refresh` is a new
 * value, and drops answers that arrive after a newer question. `null` input asks nothing.
 */
export function useReport<M extends MethodName>(method: M, input: InputOf<M> | null, refresh?: unknown): ReportState<M> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<ReportState<M>>({ data: null, error: null, loading: key !== null });

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.call(method, JSON.parse(key) as InputOf<M>).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [method, key, refresh]);

  return state;
}
