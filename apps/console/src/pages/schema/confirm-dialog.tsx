import { ReactNode, useEffect, useRef } from 'react';

/**
 * A modal confirmation (the native <dialog>: focus stays inside, Escape cancels, and the focus
 * returns to what opened it). Named by its title and described by its body for screen readers;
 * the control marked `data-autofocus` has the focus when it opens.
 */
export function ConfirmDialog({ title, children, onCancel }: { title: string; children: ReactNode; onCancel(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // The safe choice takes the focus first (React's autoFocus would run before showModal).
    element?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="confirm-dialog-title"
      aria-describedby="confirm-dialog-body"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-dialog-title">{title}</h2>
      <div id="confirm-dialog-body">{children}</div>
    </dialog>
  );
}
