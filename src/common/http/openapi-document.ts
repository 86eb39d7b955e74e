import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { join } from 'node:path';
import { canonicalJson } from '../canonical-json';
import { PROJECT_ROOT } from '../paths';

/** The copy kept in the repository, so the contract can be read (and diffed in review) without running the app. */
export const OPENAPI_FILE = join(PROJECT_ROOT, 'docs', 'openapi.json');

/** The OpenAPI document of every API controller: served at /api/docs-json and written by `npm run openapi`. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('duthao API')
      .setDescription('Soạn thảo, lấy ý kiến, tổng hợp, trình phê duyệt đề án / kế hoạch. Hợp đồng: docs/api.md.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

const HEAD = ['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'components'];

/**
 * Keys sorted at every level (the document's own sections in their usual order first) and
 * two-space indents: the same code always writes the same file, and a change shows as a small diff.
 */
export function openApiText(document: object): string {
  const sorted = JSON.parse(canonicalJson(document)) as Record<string, unknown>;
  const keys = [...HEAD.filter((k) => k in sorted), ...Object.keys(sorted).filter((k) => !HEAD.includes(k))];
  return `${JSON.stringify(Object.fromEntries(keys.map((k) => [k, sorted[k]])), null, 2)}\n`;
}
