import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminSeeder } from './admin-seeder';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/**
 * Seeds the first superadmin at start-up. `UsersModule` imports it; a worker that starts on its
 * own may import it too (seeding is safe when several processes start together).
 */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  providers: [AdminSeeder, PasswordHasher, UsersRepository],
  exports: [PasswordHasher, UsersRepository],
})
export class AdminSeedModule {}
