import { MemberRecord } from './members.repository';
import { MemberResponseDto } from './dto/member-response.dto';
import { TenantResponseDto } from './dto/tenant-response.dto';
import { TenantEntity } from './tenant.entity';

export const toTenantResponse = (t: TenantEntity): TenantResponseDto => ({
  id: t.id,
  name: t.name,
  slug: t.slug,
  description: t.description,
  schemaName: t.schemaName,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export const toMemberResponse = (m: MemberRecord): MemberResponseDto => ({
  userId: m.userId,
  email: m.email,
  username: m.username,
  role: m.role,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});
