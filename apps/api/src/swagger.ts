import { ErrorResponseDto, PUBLIC_OPERATION_EXTENSION } from '@app/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { operationIdFor } from './openapi/operation-id';
import { API_TAGS } from './openapi/tags';

const ERROR_REF = { $ref: `#/components/schemas/${ErrorResponseDto.name}` };
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

type Operation = Record<string, unknown> & { responses: Record<string, unknown> };

function operations(document: OpenAPIObject): Operation[] {
  return Object.values(document.paths).flatMap((item) =>
    METHODS.map((method) => item[method] as Operation | undefined).filter((op): op is Operation => !!op),
  );
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ERROR_REF } },
});

/**
 * Every operation needs the bearer token unless marked `@Public()`; those get an empty
 * security list. Protected operations always document their 401.
 */
function applySecurity(document: OpenAPIObject): void {
  for (const operation of operations(document)) {
    if (operation[PUBLIC_OPERATION_EXTENSION]) {
      operation.security = [];
      delete operation[PUBLIC_OPERATION_EXTENSION];
    } else {
      operation.security = [{ bearer: [] }];
      operation.responses['401'] ??= errorResponse('No token, or an invalid or expired one');
    }
  }
}

/** Any route answers 400 MALFORMED_REQUEST to a URL it cannot parse; say so where nothing else names a 4xx. */
function applyMalformedRequest(document: OpenAPIObject): void {
  for (const operation of operations(document)) {
    if (Object.keys(operation.responses).some((status) => status.startsWith('4'))) continue;
    operation.responses['400'] = errorResponse('MALFORMED_REQUEST: the URL cannot be parsed');
  }
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Strata API')
    .setDescription(
      'Multi-tenant data platform. Every route needs `Authorization: Bearer <access token>` unless it says otherwise. ' +
        'Errors always have the shape of ErrorResponseDto; `requestId` equals the X-Request-Id response header. ' +
        'A resource of another tenant is a 404, never a 403.',
    )
    .setVersion('0.1.0')
    // package.json says UNLICENSED: proprietary, no licence granted; the URL explains that term.
    .setLicense('UNLICENSED (proprietary)', 'https://docs.npmjs.com/cli/v10/configuring-npm/package-json#license')
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer');
  for (const tag of API_TAGS) builder.addTag(tag.name, tag.description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ErrorResponseDto],
    operationIdFactory: operationIdFor,
  });
  applySecurity(document);
  applyMalformedRequest(document);
  return document;
}

export function setupSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
