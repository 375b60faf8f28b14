import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException, ErrorDetail } from './app.exception';
import { CoreErrorCode } from './error-code';
import { HttpStatus } from '@nestjs/common';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationException(errors: ValidationError[]): AppException {
  const details = flatten(errors);
  return new AppException(CoreErrorCode.VALIDATION_FAILED, 'Validation failed', HttpStatus.BAD_REQUEST, details);
}

/** Validates and transforms every body and query; unknown properties are refused by name. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: validationException,
  });
}
