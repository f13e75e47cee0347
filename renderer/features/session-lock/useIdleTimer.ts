import { useEffect, useRef } from 'react';

/** A hand at the counter: keys, mouse, touch. Background polling is no use, so it is not counted. */
const USE_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` once the window has seen no use for `minutes` (while `active`). A check each
 * second against the time of the last use, rather than a timer restarted by every mouse move:
 * moving the mouse then costs one assignment.
 */
export function useIdleTimer(minutes: number | null, active: boolean, onIdle: () => void): void {
  const idle = useRef(onIdle);
  useEffect(() => {
    idle.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (!minutes || !active) return;
    let lastUse = Date.now();
    const used = () => {
      lastUse = Date.now();
    };
    for (const name of USE_EVENTS) window.addEventListener(name, used, { capture: true, passive: true });
    const check = setInterval(() => {
      if (Date.now() - lastUse >= minutes * 60_000) idle.current();
    }, 1000);
    return () => {
      clearInterval(check);
      for (const name of USE_EVENTS) window.removeEventListener(name, used, { capture: true });
    };
  }, [minutes, active]);
}
