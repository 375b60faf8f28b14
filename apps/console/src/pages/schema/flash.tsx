import { useLocation } from 'react-router';

/** What a page says after a change brought the user to it: `navigate(to, { state: flash('...') })`. */
export const flash = (message: string) => ({ flash: message });

/** The message a change left for this page, as a polite status (success said in words). */
export function Flash() {
  const state: unknown = useLocation().state;
  const message =
    typeof state === 'object' && state !== null && 'flash' in state && typeof state.flash === 'string'
      ? state.flash
      : null;
  return message ? (
    <p className="notice notice-success" role="status">
      <strong>Done:</strong> {message}
    </p>
  ) : null;
}
