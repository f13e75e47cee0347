import { createContext, useContext } from 'react';
import type { RewriteStart } from './rewriteWatch';

/**
 * How a page that started a rewrite (设置 → 数据加密) hands the window to the progress view: the
 * app shell shows it instead of every page, since no other call is answered meanwhile.
 */
export const RewriteContext = createContext<((start: RewriteStart) => void) | null>(null);

export function useRewriteStarted(): (start: RewriteStart) => void {
  const started = useContext(RewriteContext);
  if (!started) throw new Error('useRewriteStarted outside the app shell');
  return started;
}
