import { ReactNode, useEffect, useRef } from 'react';

/** The first page after a load keeps the browser's focus (Tab reaches the skip link first). */
let opened = false;

/**
 * A page: its title in the tab and as the one h1, which takes focus when the user moves to the
 * page inside the app, so keyboard and screen-reader users start at the top of the new content.
 */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Strata console`;
    if (opened) heading.current?.focus();
    opened = true;
  }, [title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
