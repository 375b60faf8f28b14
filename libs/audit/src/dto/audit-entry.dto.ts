import { ApiProperty } from '@nestjs/swagger';

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 1, description: 'Position in its chain (the tenant or the platform), from 1, without gaps' })
  seq!: number;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  at!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorEmail!: string | null;

  @ApiProperty({ example: 'tenant.member.add' })
  action!: string;

  @ApiProperty({ example: 'membership' })
  entityType!: string;

  @ApiProperty({ type: String, nullable: true })
  entityId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  requestId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  ip!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The change itself' })
  details!: Record<string, unknown>;

  @ApiProperty({ description: 'sha256(prevHash || canonical entry), hex' })
  hash!: string;

  @ApiProperty({ description: 'Hash of the previous entry in the chain; 64 zeros for the first' })
  prevHash!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Id of the key that signed the entry (GET /api/audit/keys)',
  })
  keyId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'base64 Ed25519 signature of the UTF-8 bytes of `hash`' })
  signature!: string | null;
}

export class AuditVerifyResultDto {
  @ApiProperty()
  valid!: boolean;

  @ApiProperty({ description: 'Entries checked' })
  checked!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The first entry whose sequence, link, hash, signature or anchored hash is wrong; null with valid false when the chain ends before the anchor',
  })
  firstBrokenId!: string | null;
}

export class AuditAnchorDto {
  @ApiProperty({ example: 'platform', description: 'The tenant id of the chain, or `platform`' })
  chain!: string;

  @ApiProperty({ example: 42, description: 'The head entry: the newest of the chain' })
  seq!: number;

  @ApiProperty({ description: "The head entry's hash" })
  hash!: string;

  @ApiProperty({ type: String, nullable: true })
  keyId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "Ed25519 signature of the hash's UTF-8 bytes, base64" })
  signature!: string | null;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z', description: 'When the head entry was written' })
  at!: string;
}

export class AuditAnchorsDto {
  @ApiProperty({ type: [AuditAnchorDto] })
  results!: AuditAnchorDto[];
}

export class AuditPublicKeyDto {
  @ApiProperty({ example: '3f9c0a8e1b2d4c56', description: 'The first 16 hex digits of sha256 of the SPKI DER' })
  keyId!: string;

  @ApiProperty({ enum: ['Ed25519'] })
  algorithm!: 'Ed25519';

  @ApiProperty({ description: 'PEM, SPKI', example: '-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n' })
  publicKey!: string;

  @ApiProperty({
    example: '2026-11-23T10:00:00.000Z',
    nullable: true,
    type: String,
    description: 'When the database first recorded the key (informative; null if it never did)',
  })
  createdAt!: string | null;
}

export class AuditKeysDto {
  @ApiProperty({ type: [AuditPublicKeyDto] })
  results!: AuditPublicKeyDto[];
}
