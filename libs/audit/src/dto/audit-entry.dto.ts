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
}

export class AuditVerifyResultDto {
  @ApiProperty()
  valid!: boolean;

  @ApiProperty({ description: 'Entries checked' })
  checked!: number;

  @ApiProperty({ type: String, nullable: true, description: 'The first entry whose hash, link or sequence is wrong' })
  firstBrokenId!: string | null;
}
