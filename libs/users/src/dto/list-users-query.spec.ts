import { validQuery } from '@app/core';
import type { FastifyRequest } from 'fastify';
import { listUsersQuery } from './list-users-query';
import { ListUsersQueryDto } from './list-users-query.dto';

const request = (query: Record<string, unknown>) => ({ query }) as unknown as FastifyRequest;

/** What the global validation pipe answers: the query object, or the error it throws. */
const outcome = (answer: Promise<ListUsersQueryDto>) =>
  answer.then(
    (query) => ({ query: { ...query }, type: query.constructor }),
    (error: unknown) => ({ error }),
  );

describe('listUsersQuery', () => {
  it.each([
    {},
    { pageSize: '20' },
    { page: '3', pageSize: '100' },
    { page: '2147483647', pageSize: '1000' },
    { page: '007' },
    { page: '0' },
    { pageSize: '1001' },
    { page: '2147483648' },
    { pageSize: '1e2' },
    { pageSize: ' 5' },
    { pageSize: '' },
    { pageSize: ['20', '30'] },
    { page: '2', search: 'ann' },
    { isActive: 'true', pageSize: '5' },
    { ordering: '-createdAt' },
    { colour: 'red' },
  ])('answers %j as the validation pipe does', async (query) => {
    const fast = await outcome(listUsersQuery(request(query)));
    const piped = await outcome(validQuery(request(query), ListUsersQueryDto));
    expect(fast).toEqual(piped);
  });
});
