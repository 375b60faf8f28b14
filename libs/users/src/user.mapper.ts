import { UserResponseDto } from './dto/user-response.dto';
import { UserEntity } from './user.entity';
import { UserSummary } from './user-summary';

export function toUserResponse(user: UserEntity): UserResponseDto {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    phone: user.phone,
    address: user.address,
    isActive: user.isActive,
    isSuperadmin: user.isSuperadmin,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
  };
}

export function toUserSummary(user: UserEntity): UserSummary {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    isActive: user.isActive,
    isSuperadmin: user.isSuperadmin,
  };
}
