import { PageDto } from '@app/core';
import { MemberResponseDto } from './member-response.dto';
import { TenantResponseDto } from './tenant-response.dto';

export class TenantPageDto extends PageDto(TenantResponseDto) {}
export class MemberPageDto extends PageDto(MemberResponseDto) {}
