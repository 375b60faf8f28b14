/** The session ended under the app's feet (refresh refused): the provider sends the user to sign-in. */
type Listener = () => void;

const listeners = new Set<Listener>();

export const sessionEvents = {
  onExpired(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  expired(): void {
    for (const listener of listeners) listener();
  },
};
