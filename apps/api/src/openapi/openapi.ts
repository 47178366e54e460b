import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Brevet API')
    .setDescription(
      'Uniform micro-credentials for companies with many branches. Errors are RFC 9457 problem+json ' +
        'documents with a stable `code`.',
    )
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, config);
}
