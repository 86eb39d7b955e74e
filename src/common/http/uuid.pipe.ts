import { Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { invalid } from '../errors/domain-error';

/** Route ids are UUIDs; anything else is a 400 that names the parameter, before any query runs. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value, 'all')) {
      const name = metadata.data ?? 'id';
      throw invalid({ vi: `${name}: phải là UUID hợp lệ`, en: `${name}: must be a UUID` });
    }
    return value.toLowerCase();
  }
}
