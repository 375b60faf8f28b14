import { ErrorResponseDto, PUBLIC_OPERATION_EXTENSION } from '@app/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const ERROR_REF = { $ref: `#/components/schemas/${ErrorResponseDto.name}` };
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/**
 * Every operation needs the bearer token unless marked `@Public()`; those get an empty
 * security list. Protected operations always document their 401.
 */
function applySecurity(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as (Record<string, unknown> & { responses: Record<string, unknown> }) | undefined;
      if (!operation) continue;
      if (operation[PUBLIC_OPERATION_EXTENSION]) {
        operation.security = [];
        delete operation[PUBLIC_OPERATION_EXTENSION];
      } else {
        operation.security = [{ bearer: [] }];
        operation.responses['401'] ??= {
          description: 'No token, or an invalid or expired one',
          content: { 'application/json': { schema: ERROR_REF } },
        };
      }
    }
  }
}

export function setupSwagger(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Strata API')
    .setDescription(
      'Multi-tenant data platform. Every route needs `Authorization: Bearer <access token>` unless it says otherwise. ' +
        'Errors always have the shape of ErrorResponseDto; `requestId` equals the X-Request-Id response header. ' +
        'A resource of another tenant is a 404, never a 403.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponseDto] });
  applySecurity(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
