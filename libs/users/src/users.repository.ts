import { AccessChanges, containsPattern } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';
import { UserFields } from './user-changes';
import { OrderingTerm } from './user-ordering';

export interface UserListFilter {
  search?: string;
  isActive?: boolean;
  ordering: OrderingTerm[];
  offset: number;
  limit: number;
}

export interface NewUser extends UserFields {
  passwordHash: string;
  isSuperadmin: boolean;
}

export type UserUpdate = Partial<UserFields> & { passwordHash?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** Reads and writes `public.users`. */
@Injectable()
export class UsersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accessChanges: AccessChanges,
  ) {}

  private users(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(UserEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.users(manager).findOneBy({ id });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.users(manager).findOneBy({ email: email.trim().toLowerCase() });
  }

  /** Loads the user and locks its row until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<UserEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.users(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async list(filter: UserListFilter): Promise<{ count: number; rows: UserEntity[] }> {
    const query = this.users().createQueryBuilder('u');
    if (filter.search) {
      query.andWhere(`(u.username || ' ' || u.email || ' ' || u.first_name || ' ' || u.last_name) ILIKE :pattern`, {
        pattern: containsPattern(filter.search),
      });
    }
    if (filter.isActive !== undefined) query.andWhere('u.is_active = :isActive', { isActive: filter.isActive });
    for (const term of filter.ordering) query.addOrderBy(`u.${term.column}`, term.direction, 'NULLS LAST');
    query.addOrderBy('u.id', 'ASC');
    const [rows, count] = await query.skip(filter.offset).take(filter.limit).getManyAndCount();
    return { count, rows };
  }

  countActive(): Promise<number> {
    return this.users().countBy({ isActive: true });
  }

  async exists(manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM users LIMIT 1');
    return rows.length > 0;
  }

  async insert(manager: EntityManager, user: NewUser): Promise<UserEntity> {
    const users = this.users(manager);
    return users.save(users.create(user));
  }

  async update(manager: EntityManager, id: string, changes: UserUpdate): Promise<UserEntity> {
    await this.users(manager).update({ id }, { ...changes, updatedAt: () => 'now()' });
    await this.accessChanges.changed(manager);
    return this.users(manager).findOneByOrFail({ id });
  }

  async touchLastLogin(manager: EntityManager, id: string): Promise<UserEntity> {
    await this.users(manager).update({ id }, { lastLoginAt: () => 'now()' });
    return this.users(manager).findOneByOrFail({ id });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await this.users(manager).delete({ id });
    await this.accessChanges.changed(manager);
  }
}
