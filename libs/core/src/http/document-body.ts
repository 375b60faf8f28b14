import { createParamDecorator, ExecutionContext, PipeTransform, Type } from '@nestjs/common';
import { createValidationPipe } from '../errors/validation-pipe';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Validates a body like the global pipe does, except for one free-form document in it (a schema
 * definition): its DTO only checks that it is an object, and its service validates it in full, so
 * the pipe's deep copy (class-transformer walks every key) is skipped. For a 200-table definition
 * that copy was the largest part of a request.
 */
export class DocumentBodyPipe implements PipeTransform {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly dto: Type<object>,
    private readonly key: string,
  ) {}

  async transform(body: unknown): Promise<unknown> {
    const document = isPlainObject(body) ? body[this.key] : undefined;
    if (!isPlainObject(body) || !isPlainObject(document)) {
      return this.pipe.transform(body, { type: 'body', metatype: this.dto });
    }
    const validated = (await this.pipe.transform(
      { ...body, [this.key]: {} },
      { type: 'body', metatype: this.dto },
    )) as Record<string, unknown>;
    validated[this.key] = document;
    return validated;
  }
}

const RawBody = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): unknown => ctx.switchToHttp().getRequest<{ body: unknown }>().body,
);

/**
 * `@DocumentBody(PutSchemaDto, 'definition')` instead of `@Body()`: see `DocumentBodyPipe`. Being a
 * custom parameter, the global pipe leaves it alone; Swagger needs `@ApiBody({ type })` on the route.
 */
export const DocumentBody = (dto: Type<object>, key: string): ParameterDecorator =>
  RawBody(new DocumentBodyPipe(dto, key));
