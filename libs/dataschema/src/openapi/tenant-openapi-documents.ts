import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { ActiveSchema } from '../versions/schema-version';
import { tenantOpenApi } from './tenant-openapi';

const gzipAsync = promisify(gzip);

/** Room for the compressed documents of this process (about 300 tenants of 200 tables each). */
export const OPENAPI_CACHE_BYTES = 64 * 1024 * 1024;

/** A tenant's OpenAPI document for one schema version, rendered once: gzip-compressed JSON and its ETag. */
export interface RenderedOpenApi {
  etag: string;
  gzip: Buffer;
}

interface Entry {
  version: number;
  slug: string;
  document: Promise<RenderedOpenApi>;
  bytes: number;
}

export async function renderOpenApi(
  tenant: { slug: string },
  schema: Pick<ActiveSchema, 'version' | 'definition'>,
): Promise<RenderedOpenApi> {
  const json = JSON.stringify(tenantOpenApi(tenant, schema));
  const etag = `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`;
  return { etag, gzip: await gzipAsync(json) };
}

/**
 * Each tenant's OpenAPI document, rendered once per schema version and process: the document grows
 * with the tables (about 60 KiB of JSON a table, 13 MiB for 200), so building and serialising it
 * on every request cost hundreds of milliseconds. Keyed by the active version, which every read
 * checks (ActiveSchemaCache), so a new version is rendered on its first request. Least recently
 * used documents leave once the compressed bytes pass `maxBytes`. Concurrent first requests share
 * one rendering.
 */
@Injectable()
export class TenantOpenApiDocuments {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** How many documents were rendered: what the tests count. */
  renderings = 0;
  maxBytes = OPENAPI_CACHE_BYTES;

  get(tenant: { tenantId: string; slug: string }, schema: ActiveSchema): Promise<RenderedOpenApi> {
    const found = this.entries.get(tenant.tenantId);
    if (found && found.version === schema.version && found.slug === tenant.slug) {
      this.entries.delete(tenant.tenantId);
      this.entries.set(tenant.tenantId, found);
      return found.document;
    }
    if (found) this.remove(tenant.tenantId, found);
    this.renderings++;
    const entry: Entry = {
      version: schema.version,
      slug: tenant.slug,
      bytes: 0,
      document: renderOpenApi(tenant, schema),
    };
    this.entries.set(tenant.tenantId, entry);
    entry.document.then(
      (rendered) => {
        if (this.entries.get(tenant.tenantId) !== entry) return;
        entry.bytes = rendered.gzip.length;
        this.bytes += entry.bytes;
        this.evict();
      },
      () => {
        if (this.entries.get(tenant.tenantId) === entry) this.entries.delete(tenant.tenantId);
      },
    );
    return entry.document;
  }

  private remove(tenantId: string, entry: Entry): void {
    this.entries.delete(tenantId);
    this.bytes -= entry.bytes;
  }

  /** Drops the least recently used documents beyond the budget; the newest always stays. */
  private evict(): void {
    for (const [tenantId, entry] of this.entries) {
      if (this.bytes <= this.maxBytes || this.entries.size <= 1) return;
      this.remove(tenantId, entry);
    }
  }
}
