import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
  isEmail,
  registerDecorator,
} from 'class-validator';
import { hasForbiddenControl, hasLoneSurrogate, isBlank, normaliseNewlines, withinChars } from './text-rules';
import { vnNumberText } from '../vn-number';

/**
 * One decorator per field: the validation rules and the OpenAPI description together, so the
 * documentation cannot drift from what is enforced. Messages are Vietnamese with English kept in
 * `context` (see validation.pipe.ts).
 */

type Msg = { vi: string; en: string };
const say = (vi: string, en: string): ValidationOptions => ({ message: en, context: { vi, en } });
const sayEach = (vi: string, en: string): ValidationOptions => ({ ...say(vi, en), each: true });

function rule(name: string, test: (value: unknown) => boolean, msg: Msg, each = false): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: each ? sayEach(msg.vi, msg.en) : say(msg.vi, msg.en),
      validator: { validate: (value: unknown) => test(value) },
    });
}

/**
 * The text rules of docs/api.md "Conventions" that every string field obeys, whatever else it must
 * be. Text far over the field's length (refused for that) is not scanned for the others: a 5 MB
 * string costs no more than a short one.
 */
function textChecks(max: number, allowBlank: boolean, each = false): PropertyDecorator[] {
  const str = (test: (s: string) => boolean) => (v: unknown) => typeof v !== 'string' || v.length > 2 * max || test(v);
  return [
    rule(
      'wellFormedUnicode',
      str((s) => !hasLoneSurrogate(s)),
      { vi: 'chứa ký tự Unicode không hợp lệ', en: 'contains invalid Unicode' },
      each,
    ),
    rule(
      'noControlCharacters',
      str((s) => !hasForbiddenControl(s)),
      {
        vi: 'chứa ký tự điều khiển không được phép (chỉ cho phép tab và xuống dòng)',
        en: 'contains control characters (only tab and newline are allowed)',
      },
      each,
    ),
    ...(allowBlank
      ? []
      : [
          rule(
            'notBlank',
            str((s) => !isBlank(s)),
            { vi: 'không được để trống', en: 'must not be blank' },
            each,
          ),
        ]),
  ];
}

function textRules(max: number, allowBlank: boolean, each = false): PropertyDecorator[] {
  return [
    IsString(each ? sayEach('phải là chuỗi ký tự', 'must be a string') : say('phải là chuỗi ký tự', 'must be a string')),
    ...textChecks(max, allowBlank, each),
    rule(
      'maxChars',
      (v) => typeof v !== 'string' || withinChars(v, 0, max),
      { vi: `dài tối đa ${vnNumberText(max)} ký tự`, en: `must be at most ${max} characters` },
      each,
    ),
  ];
}

interface Common {
  optional?: boolean;
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

function presence(opts: Common): PropertyDecorator[] {
  if (opts.optional && opts.nullable) return [IsOptional()];
  if (opts.optional) return [ValidateIf((_, v) => v !== undefined)];
  if (opts.nullable) return [ValidateIf((_, v) => v !== null), IsDefined(say('là bắt buộc', 'is required'))];
  return [IsDefined(say('là bắt buộc', 'is required'))];
}

function doc(opts: Common, extra: Record<string, unknown>): PropertyDecorator {
  const options = { description: opts.description, example: opts.example, nullable: opts.nullable, ...extra };
  return opts.optional ? ApiPropertyOptional(options) : ApiProperty(options);
}

export function TextField(opts: Common & { max: number; allowBlank?: boolean }): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => normaliseNewlines(value)),
    ...presence(opts),
    ...textRules(opts.max, opts.allowBlank ?? false),
    doc(opts, { type: String, maxLength: opts.max, minLength: opts.allowBlank ? undefined : 1 }),
  );
}

export function TextArrayField(opts: Common & { max: number; minItems?: number; maxItems: number }): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (Array.isArray(value) ? value.map(normaliseNewlines) : value)),
    ...presence(opts),
    IsArray(say('phải là một danh sách', 'must be an array')),
    ArrayMinSize(opts.minItems ?? 0, say(`cần ít nhất ${opts.minItems ?? 0} mục`, `must have at least ${opts.minItems ?? 0} items`)),
    ArrayMaxSize(opts.maxItems, say(`có tối đa ${opts.maxItems} mục`, `must have at most ${opts.maxItems} items`)),
    ...textRules(opts.max, false, true),
    doc(opts, { type: [String], maxItems: opts.maxItems }),
  );
}

export const EMAIL_MAX = 254;

/**
 * E-mail text: the text rules first, and validator's isEmail only on text that passed them (it
 * throws a URIError on a lone surrogate, and scans long input for nothing).
 */
export function EmailField(opts: Common = {}): PropertyDecorator {
  const wellFormed = (v: string) => !hasLoneSurrogate(v) && !hasForbiddenControl(v);
  return applyDecorators(
    // Not on text far too long to be an address: lower-casing megabytes for a refusal is work for an attacker.
    Transform(({ value }) => (typeof value === 'string' && value.length <= 4 * EMAIL_MAX ? value.trim().toLowerCase() : value)),
    ...presence(opts),
    IsString(say('phải là chuỗi ký tự', 'must be a string')),
    ...textChecks(EMAIL_MAX, false),
    rule('isEmail', (v) => typeof v !== 'string' || !wellFormed(v) || v.length > EMAIL_MAX || isEmail(v), {
      vi: 'không phải địa chỉ e-mail hợp lệ',
      en: 'must be an e-mail address',
    }),
    rule('maxChars', (v) => typeof v !== 'string' || v.length <= EMAIL_MAX, {
      vi: `dài tối đa ${EMAIL_MAX} ký tự`,
      en: `must be at most ${EMAIL_MAX} characters`,
    }),
    doc(opts, { type: String, format: 'email', maxLength: EMAIL_MAX }),
  );
}

export function PasswordField(opts: Common & { min: number }): PropertyDecorator {
  return applyDecorators(
    ...presence(opts),
    IsString(say('phải là chuỗi ký tự', 'must be a string')),
    ...textChecks(200, false),
    rule('passwordLength', (v) => typeof v !== 'string' || withinChars(v, opts.min, 200), {
      vi: `dài từ ${opts.min} đến 200 ký tự`,
      en: `must be ${opts.min} to 200 characters`,
    }),
    doc(opts, { type: String, format: 'password', minLength: opts.min, maxLength: 200 }),
  );
}

export function IntField(opts: Common & { min: number; max: number; fromQuery?: boolean }): PropertyDecorator {
  return applyDecorators(
    ...(opts.fromQuery ? [Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value))] : []),
    ...presence(opts),
    IsInt(say('phải là số nguyên', 'must be an integer')),
    Min(opts.min, say(`phải lớn hơn hoặc bằng ${opts.min}`, `must be at least ${opts.min}`)),
    Max(opts.max, say(`phải nhỏ hơn hoặc bằng ${opts.max}`, `must be at most ${opts.max}`)),
    doc(opts, { type: 'integer', minimum: opts.min, maximum: opts.max }),
  );
}

export function BoolField(opts: Common & { fromQuery?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ...(opts.fromQuery ? [Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))] : []),
    ...presence(opts),
    IsBoolean(say('phải là true hoặc false', 'must be true or false')),
    doc(opts, { type: Boolean }),
  );
}

/** `labels`: what each value means, named beside it in the Vietnamese message ("agency (đơn vị góp ý)"). */
export function EnumField<T extends string>(values: readonly T[], opts: Common & { labels?: Record<T, Msg> } = {}): PropertyDecorator {
  const vi = values.map((v) => (opts.labels ? `${v} (${opts.labels[v].vi})` : v)).join(', ');
  return applyDecorators(
    ...presence(opts),
    IsIn(values as unknown as T[], say(`phải là một trong: ${vi}`, `must be one of: ${values.join(', ')}`)),
    doc(opts, { enum: values, type: String }),
  );
}

// UUIDs compare in lower case everywhere (PostgreSQL prints them so; UuidPipe lowercases path ids).
const lowerUuid = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

export function UuidField(opts: Common = {}): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => lowerUuid(value)),
    ...presence(opts),
    IsUUID('all', say('phải là UUID hợp lệ', 'must be a UUID')),
    doc(opts, { type: String, format: 'uuid' }),
  );
}

export function UuidArrayField(opts: Common & { minItems: number; maxItems: number }): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (Array.isArray(value) ? value.map(lowerUuid) : value)),
    ...presence(opts),
    IsArray(say('phải là một danh sách', 'must be an array')),
    ArrayMinSize(opts.minItems, say(`cần ít nhất ${opts.minItems} mục`, `must have at least ${opts.minItems} items`)),
    ArrayMaxSize(opts.maxItems, say(`có tối đa ${opts.maxItems} mục`, `must have at most ${opts.maxItems} items`)),
    ArrayUnique(say('có mục bị trùng', 'must not repeat an item')),
    IsUUID('all', sayEach('chỉ chứa UUID hợp lệ', 'must contain only UUIDs')),
    doc(opts, { type: [String], format: 'uuid', minItems: opts.minItems, maxItems: opts.maxItems }),
  );
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with an offset, in years 2000–2999 so that PostgreSQL and people agree. */
export function isIsoDateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  if (y < 2000 || y > 2999 || mo < 1 || mo > 12 || h > 23 || mi > 59 || (s ?? 0) > 59) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d >= 1 && d <= days && !Number.isNaN(Date.parse(value));
}

export function DateTimeField(opts: Common = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(opts),
    rule('isoDateTime', isIsoDateTime, {
      vi: 'phải là thời điểm ISO 8601 có múi giờ, ví dụ 2022-06-30T17:00:00+07:00',
      en: 'must be an ISO 8601 date-time with offset, e.g. 2022-06-30T17:00:00+07:00',
    }),
    doc(opts, { type: String, format: 'date-time' }),
  );
}

/** A nested object or an array of them (`each`), validated with its own DTO class. */
export function NestedField(type: () => new () => object, opts: Common & { array?: { min: number; max: number } } = {}): PropertyDecorator {
  const arrayRules = opts.array
    ? [
        IsArray(say('phải là một danh sách', 'must be an array')),
        ArrayMinSize(opts.array.min, say(`cần ít nhất ${opts.array.min} mục`, `must have at least ${opts.array.min} items`)),
        ArrayMaxSize(opts.array.max, say(`có tối đa ${opts.array.max} mục`, `must have at most ${opts.array.max} items`)),
        IsObject(sayEach('mỗi mục phải là một đối tượng', 'each item must be an object')),
      ]
    : [IsObject(say('phải là một đối tượng', 'must be an object'))];
  return applyDecorators(
    ...presence(opts),
    ...arrayRules,
    ValidateNested({ each: Boolean(opts.array) }),
    Type(type),
    doc(opts, { type: opts.array ? [type()] : type(), ...(opts.array ? { minItems: opts.array.min, maxItems: opts.array.max } : {}) }),
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD (years 2000–2999) that exists. */
export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 2000 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function DateField(opts: Common = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(opts),
    rule('isoDate', isIsoDate, { vi: 'phải là ngày dạng YYYY-MM-DD, ví dụ 2022-06-30', en: 'must be a date YYYY-MM-DD, e.g. 2022-06-30' }),
    doc(opts, { type: String, format: 'date' }),
  );
}

export function NumberField(opts: Common & { min: number; max: number }): PropertyDecorator {
  return applyDecorators(
    ...presence(opts),
    rule('isFiniteNumber', (v) => typeof v === 'number' && Number.isFinite(v), { vi: 'phải là một số', en: 'must be a number' }),
    Min(opts.min, say(`phải lớn hơn hoặc bằng ${opts.min}`, `must be at least ${opts.min}`)),
    Max(opts.max, say(`phải nhỏ hơn hoặc bằng ${opts.max}`, `must be at most ${opts.max}`)),
    doc(opts, { type: Number, minimum: opts.min, maximum: opts.max }),
  );
}
