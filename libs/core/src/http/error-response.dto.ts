import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CoreErrorCode } from '../errors/error-code';

export class ErrorDetailDto {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'must be a valid email' })
  message!: string;
}

export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    example: 'VALIDATION_FAILED',
    description: `Stable machine-readable code. Shared codes: ${Object.values(CoreErrorCode).join(', ')}; modules add their own (TENANT_NOT_FOUND, LAST_ADMIN, ...).`,
  })
  code!: string;

  @ApiProperty({ example: 'Validation failed' })
  message!: string;

  @ApiProperty({
    example: '5f0c0e8e-5c1d-4b8e-9a61-0c2b1f6d8a11',
    description: 'Equals the X-Request-Id header',
  })
  requestId!: string;

  @ApiPropertyOptional({ type: ErrorDetailDto, isArray: true })
  details?: ErrorDetailDto[];
}
