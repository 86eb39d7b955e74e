import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, Text } from '../errors/domain-error';
import { shapeProblem } from '../http/body-shape';

const FALLBACK: Record<string, Text> = {
  whitelistValidation: { vi: 'là trường không được phép', en: 'is not an allowed field' },
  nestedValidation: { vi: 'phải là một đối tượng', en: 'must be an object' },
  isObject: { vi: 'phải là một đối tượng', en: 'must be an object' },
};

function path(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

function flatten(errors: ValidationError[], parent = ''): Text[] {
  const out: Text[] = [];
  for (const error of errors) {
    const field = path(parent, error.property);
    for (const [name, message] of Object.entries(error.constraints ?? {})) {
      const text = (error.contexts?.[name] as Text | undefined) ?? FALLBACK[name] ?? { vi: message, en: message };
      out.push({ vi: `${field}: ${text.vi}`, en: `${field}: ${text.en}` });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/** Refuses query keys that Nest's pipe would silently delete (`__proto__`, `constructor`, …); bodies are checked in json-body.ts. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const problem = metadata.type === 'query' ? shapeProblem(value) : null;
    if (problem) throw new DomainError('invalid', [problem]);
    return super.transform(value, metadata);
  }
}

/** Nest's ValidationPipe, refusing unknown fields, with one message per bad field (Vietnamese first). */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainError('invalid', flatten(errors)),
  });
}
