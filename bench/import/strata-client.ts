import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { downloadCsv, Downloaded } from './download';

/** The calls the import bench makes to a running Strata, as any HTTP client would. */
export interface JobView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: { rowsRead: number; rowsValid: number; rowsInvalid: number };
  summary: Record<string, unknown> | null;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ImportOptions {
  table: string;
  onError: 'abort' | 'skip';
}

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

export class StrataClient {
  constructor(
    private readonly base: string,
    private token = '',
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** The bearer token of the last login. */
  get accessToken(): string {
    return this.token;
  }

  async login(email: string, password: string): Promise<void> {
    this.token = (await this.call<{ accessToken: string }>('POST', '/api/auth/login', { email, password })).accessToken;
  }

  /** Uploads `file` (streamed from disk) as a multipart import; answers the queued job. */
  async startImport(tenant: string, file: string, options: ImportOptions): Promise<JobView> {
    const form = new FormData();
    form.append('table', options.table);
    form.append('mode', 'insert');
    form.append('onError', options.onError);
    form.append('file', await openAsBlob(file, { type: 'text/csv' }), basename(file));
    const res = await fetch(`${this.base}/api/tenants/${tenant}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}` },
      body: form,
    });
    const text = await res.text();
    if (res.status !== 202) throw new Error(`POST imports: ${res.status} ${text}`);
    return JSON.parse(text) as JobView;
  }

  /** Polls the job every 100 ms until it ends (`seen` gets each view); fails after `timeoutMs`. */
  async waitForJob(
    tenant: string,
    kind: 'imports' | 'exports',
    id: string,
    timeoutMs: number,
    seen: (job: JobView) => void = () => undefined,
  ) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.call<JobView>('GET', `/api/tenants/${tenant}/${kind}/${id}`);
      seen(job);
      if (ENDED.has(job.status)) return job;
      if (Date.now() > deadline) throw new Error(`${kind} ${id} still ${job.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Streams an export's file and counts it: its bytes and its header row. */
  download(tenant: string, id: string): Promise<Downloaded> {
    return downloadCsv(`${this.base}/api/tenants/${tenant}/exports/${id}/download`, {
      authorization: `Bearer ${this.token}`,
    });
  }
}
