/** A moment, readable, with the exact time for machines. */
export function When({ iso }: { iso: string | null }) {
  if (!iso) return <>never</>;
  const date = new Date(iso);
  return <time dateTime={iso}>{date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</time>;
}
