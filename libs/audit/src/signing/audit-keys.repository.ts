import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditPublicKey } from '../audit-entry';
import { AuditSigningKey, SIGNING_ALGORITHM } from './audit-signing-key';

interface KeyRow {
  key_id: string;
  public_key: string;
  created_at: Date;
}

/**
 * Reads and appends `public.audit_signing_keys`, the record of every key that signed entries and
 * when it was first seen. A record, not a trust list: whoever holds the database can add to it.
 */
@Injectable()
export class AuditKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Lists the key once; starting again with the same key (or another process with it) changes nothing. */
  async register(key: AuditSigningKey): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_signing_keys (key_id, algorithm, public_key) VALUES ($1, $2, $3)
       ON CONFLICT (key_id) DO NOTHING`,
      [key.keyId, SIGNING_ALGORITHM, key.publicKeyPem],
    );
  }

  async list(): Promise<AuditPublicKey[]> {
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT key_id, public_key, created_at FROM audit_signing_keys ORDER BY created_at, key_id`,
    );
    return rows.map((row) => ({
      keyId: row.key_id,
      algorithm: SIGNING_ALGORITHM,
      publicKey: row.public_key,
      createdAt: row.created_at.toISOString(),
    }));
  }
}
