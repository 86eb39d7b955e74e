import { Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { invalid } from '../errors/domain-error';

/** A route id that is not a UUID: a 400 naming the parameter. */
export function assertUuid(value: string, name: string): void {
  if (!isUUID(value, 'all')) throw invalid({ vi: `${name}: phải là UUID hợp lệ`, en: `${name}: must be a UUID` });
}

/** Route ids are UUIDs; anything else is a 400 that names the parameter, before any query runs. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    assertUuid(value, metadata.data ?? 'id');
    return value.toLowerCase();
  }
}
