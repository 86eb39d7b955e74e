import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { join } from 'node:path';
import { formBody, jsonBody } from './common/http/json-body';
import { TEMPLATES_DIR } from './common/paths';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { mountBullBoard } from './notifications/bull-board';
import { WebExceptionFilter } from './web/web-exception.filter';

export const BODY_LIMIT = '5mb';

/** Everything about the HTTP surface that the real server and the e2e tests must share. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(jsonBody(BODY_LIMIT));
  app.use(formBody(BODY_LIMIT));
  app.use(cookieParser());
  app.useStaticAssets(join(TEMPLATES_DIR, 'web', 'assets'), { prefix: '/assets/', maxAge: '1h' });
  mountBullBoard(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.get(WebExceptionFilter)));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('duthao API')
      .setDescription('Soạn thảo, lấy ý kiến, tổng hợp, trình phê duyệt đề án / kế hoạch. Hợp đồng: API.md.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}

