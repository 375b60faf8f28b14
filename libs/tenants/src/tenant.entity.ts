import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A tenant (`public.tenants`); its data lives in the Postgres schema `schemaName`. Never leaves the lib. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 41 })
  slug!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** Fixed at creation; every later statement reads it from here, never from a request. */
  @Column({ name: 'schema_name', type: 'varchar', length: 63 })
  schemaName!: string;

  /** The latest tenant-migration revision applied to the schema's system tables. */
  @Column({ name: 'system_revision', type: 'int', default: 0 })
  systemRevision!: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
