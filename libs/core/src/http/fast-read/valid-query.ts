import type { Type } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createValidationPipe } from '../../errors/validation-pipe';

const globalValidation = createValidationPipe();

/** A `@Query() query: Dto` argument as the app's global validation pipe makes it (400 on a bad query). */
export function validQuery<T>(request: FastifyRequest, dto: Type<T>): Promise<T> {
  return globalValidation.transform(request.query, { type: 'query', metatype: dto }) as Promise<T>;
}
