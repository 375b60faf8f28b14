import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/** A query string of decimal digits as a number; anything else is left as it came, for the validator to refuse. */
export function parseWholeNumber(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
}

export const isWholeNumberIn = (value: unknown, min: number, max: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * An optional integer query parameter from `min` to `max`, documented as `type: integer` so generated
 * clients type it, and refused with one message whatever is wrong with it (`abc`, `1.5`, `0`, too large).
 */
export const WholeNumberQuery = (options: { min: number; max: number; default: number; description: string }) =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      minimum: options.min,
      maximum: options.max,
      default: options.default,
      description: options.description,
    }),
    Transform(({ value }: { value: unknown }) => parseWholeNumber(value)),
    ValidateBy({
      name: 'wholeNumberIn',
      validator: {
        validate: (value: unknown) => isWholeNumberIn(value, options.min, options.max),
        defaultMessage: () => `must be a whole number from ${options.min} to ${options.max}`,
      },
    }),
  );
