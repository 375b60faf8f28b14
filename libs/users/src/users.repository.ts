import { AccessChanges, containsPattern, prepared, SqlDatabase, SqlQuery } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UserResponseDto } from './dto/user-response.dto';
import { UserEntity } from './user.entity';
import { UserFields } from './user-changes';
import { OrderingTerm } from './user-ordering';
import { USER_COLUMNS, userListStatements } from './user-statements';

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
    private readonly db: SqlDatabase,
    private readonly accessChanges: AccessChanges,
  ) {}

  private users(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(UserEntity);
  }

  /** Outside a transaction: one prepared statement (the JWT check loads its user with it). */
  async findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    if (!isUuid(id)) return null;
    if (manager) return this.users(manager).findOneBy({ id });
    const [user] = await this.db.query<UserEntity>(
      new SqlQuery(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id], 'strata_user_by_id'),
    );
    return user ?? null;
  }

  findByEmail(email: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.users(manager).findOneBy({ email: email.trim().toLowerCase() });
  }

  /** Loads the user and locks its row until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<UserEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.users(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** One page (rows in response form) and the count of every match: two prepared statements, run side by side. */
  async list(filter: UserListFilter): Promise<{ count: number; rows: UserResponseDto[] }> {
    const pattern = filter.search ? containsPattern(filter.search) : undefined;
    const { page, count } = userListStatements(filter.ordering, pattern !== undefined, filter.isActive !== undefined);
    const where = [
      ...(pattern !== undefined ? [pattern] : []),
      ...(filter.isActive !== undefined ? [filter.isActive] : []),
    ];
    const [rows, counted] = await Promise.all([
      this.db.query<UserResponseDto>(prepared('users', new SqlQuery(page, [...where, filter.limit, filter.offset]))),
      this.db.query<{ count: number }>(prepared('users', new SqlQuery(count, where))),
    ]);
    return { count: counted[0].count, rows };
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
