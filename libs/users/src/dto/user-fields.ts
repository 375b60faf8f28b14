import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsString, Length, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]+$/;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

/** Skips validation only when the property is absent; `null` is still checked (and refused). */
const OptionalNotNull = () => ValidateIf((_: unknown, value: unknown) => value !== undefined);

const property = (required: boolean, options: Parameters<typeof ApiProperty>[0]) =>
  required ? ApiProperty(options) : ApiPropertyOptional(options);

export const UsernameField = (required: boolean) =>
  applyDecorators(
    property(required, {
      example: 'jane.doe',
      minLength: 3,
      maxLength: 100,
      pattern: USERNAME_PATTERN.source,
      description: 'Unique; letters, digits and . _ - @',
    }),
    ...(required ? [] : [OptionalNotNull()]),
    IsString(),
    Length(3, 100, { message: 'must be 3 to 100 characters long' }),
    Matches(USERNAME_PATTERN, { message: 'may contain only letters, digits and . _ - @' }),
  );

export const EmailField = (required: boolean) =>
  applyDecorators(
    property(required, {
      example: 'jane@example.com',
      maxLength: 254,
      description: 'Unique; stored lower-cased',
    }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    ...(required ? [] : [OptionalNotNull()]),
    IsEmail({}, { message: 'must be a valid email' }),
    MaxLength(254),
  );

export const PasswordField = (required: boolean) =>
  applyDecorators(
    property(required, {
      example: 'correct horse battery staple',
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
      writeOnly: true,
    }),
    ...(required ? [] : [OptionalNotNull()]),
    IsString(),
    MinLength(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters long` }),
    MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters long` }),
  );

/** The caller's current password: required when changing one's own email or password. */
export const CurrentPasswordField = () =>
  applyDecorators(
    ApiPropertyOptional({
      writeOnly: true,
      maxLength: PASSWORD_MAX_LENGTH,
      description:
        'Your current password; required when you change your own email or password (400 without it, ' +
        '401 INVALID_CREDENTIALS when wrong). A superadmin changing someone else needs none.',
    }),
    OptionalNotNull(),
    IsString(),
    MaxLength(PASSWORD_MAX_LENGTH),
  );

/** An optional free-text field; `null` clears it (stored as an empty string). */
export const TextField = (maxLength: number, example: string) =>
  applyDecorators(
    ApiPropertyOptional({ example, maxLength, nullable: true, description: 'Empty string when unset; null clears it' }),
    Transform(({ value }: { value: unknown }) => (value === null ? '' : value)),
    OptionalNotNull(),
    IsString(),
    MaxLength(maxLength),
  );

export const IsActiveField = () =>
  applyDecorators(
    // No `default` in the schema: generated clients would make the field required (openapi-typescript).
    ApiPropertyOptional({
      type: Boolean,
      description: 'An inactive user cannot log in. When absent: true on create and replace, unchanged on patch',
    }),
    OptionalNotNull(),
    IsBoolean(),
  );
