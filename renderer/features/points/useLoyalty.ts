import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../../shared/contract/index';
import { api } from '../../api/client';

export interface Loyalty {
  balance: OutputOf<'points.balance'>;
  tier: OutputOf<'tiers.status'>;
  purchases: OutputOf<'purchases.list'>;
  ledger: OutputOf<'points.ledger'>['items'];
  rules: OutputOf<'points.rules'>['current']['rules'];
}

/** Everything the member page shows about points, tier and purchases, reloaded after each change. */
export function useLoyalty(memberId: string) {
  const [data, setData] = useState<Loyalty | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      const [balance, tier, purchases, ledger, rules] = await Promise.all([
        api.call('points.balance', { memberId }),
        api.call('tiers.status', { memberId }),
        api.call('purchases.list', { memberId, limit: 50 }),
        api.call('points.ledger', { memberId, limit: 50 }),
        api.call('points.rules', {}),
      ]);
      setData({ balance, tier, purchases, ledger: ledger.items, rules: rules.current.rules });
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [memberId]);

  useEffect(() => void reload(), [reload]);
  return { data, error, reload };
}
