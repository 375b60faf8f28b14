import { authorizedFetch } from './authorized-fetch';

export type DownloadResult = { ok: true; fileName: string } | { ok: false; error: unknown };

/** The file name a `Content-Disposition: attachment; filename="..."` header gives, if any. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/**
 * Downloads a file the API serves behind the session's token (a plain link cannot carry it):
 * fetched with `authorizedFetch`, then handed to the browser as a download under the server's
 * file name. The file passes through memory, which suits the console's exports and reports.
 */
export async function saveDownload(url: string, fallbackName: string): Promise<DownloadResult> {
  let response: Response;
  try {
    response = await authorizedFetch(url);
  } catch (error) {
    return { ok: false, error };
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    return { ok: false, error: body ?? new Error(`The download failed (${response.status}). Try again.`) };
  }
  const fileName = fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return { ok: true, fileName };
}
