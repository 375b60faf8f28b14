import type { FilePreview } from '../preview/file-preview';

/** The file's first rows under its headers, with the row numbers the error report will use. */
export function PreviewTable({ preview }: { preview: FilePreview }) {
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="First rows of the file">
        <table className="preview-table">
          <caption>
            The first {preview.rows.length} rows{preview.more ? ' (the file has more)' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              {preview.headers.map((header, i) => (
                <th scope="col" key={i}>
                  {header === '' ? <em>(no header)</em> : header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              <tr key={r}>
                <th scope="row">{preview.rowNumbers[r]}</th>
                {preview.headers.map((_, i) => (
                  <td key={i}>{row[i] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.notes.length > 0 && (
        <ul className="preview-notes">
          {preview.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </>
  );
}
