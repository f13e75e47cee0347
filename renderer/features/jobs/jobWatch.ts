// A page that has just started a job says so, and the app bar's indicator looks at once instead
// of at its next chance: it does not poll while nothing runs (see JobsIndicator).

type Listener = () => void;
const listeners = new Set<Listener>();

export function announceJob(): void {
  for (const listener of listeners) listener();
}

/** Answers the function that stops listening. */
export function onJobAnnounced(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
