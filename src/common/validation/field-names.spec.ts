import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { FIELD_NAMES, fieldName, namedMessage } from './field-names';

/** Every DTO class of the API (src/<feature>/dto/*.dto.ts), loaded so that its fields are registered. */
function loadDtos(): void {
  const src = join(__dirname, '..', '..');
  for (const feature of readdirSync(src, { withFileTypes: true })) {
    const dir = join(src, feature.name, 'dto');
    if (!feature.isDirectory()) continue;
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.dto.ts'));
    } catch {
      continue;
    }
    for (const f of files) require(join(dir, f));
  }
}

describe('field names', () => {
  it('names every field of every DTO in Vietnamese and English', () => {
    loadDtos();
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, { propertyName: string }[]> };
    const fields = new Set([...storage.validationMetadatas.values()].flat().map((m) => m.propertyName));
    expect(fields.size).toBeGreaterThan(50);
    const missing = [...fields].filter((f) => !FIELD_NAMES[f]?.vi || !FIELD_NAMES[f]?.en);
    expect(missing).toEqual([]);
  });

  it('names a field by its path, with the row, and quotes a key no form has', () => {
    expect(fieldName('reason', 'vi')).toBe('Lý do');
    expect(fieldName('sections[1].heading', 'vi')).toBe('Tiêu đề mục (dòng 2)');
    expect(fieldName('sections[1].heading', 'en')).toBe('Section heading (row 2)');
    expect(fieldName('opinions[0].content', 'vi', { opinions: { vi: 'Ý kiến', en: 'Opinions' } })).toBe('Ý kiến (dòng 1)');
    expect(fieldName('passwordHash', 'vi')).toBe('trường "passwordHash"');
  });

  it('reads "key: text" with the field named in Vietnamese, the key kept only when asked', () => {
    for (const key of ['reason', 'deadline', 'from', 'id']) {
      const said = namedMessage(`${key}: không hợp lệ`, 'vi');
      expect(said).not.toMatch(new RegExp(`^${key}:`));
      expect(said).toBe(`${FIELD_NAMES[key].vi}: không hợp lệ`);
    }
    expect(namedMessage('id: phải là UUID hợp lệ', 'vi', true)).toBe('Mã định danh (id): phải là UUID hợp lệ');
    expect(namedMessage('sections[0].heading: không được để trống', 'vi', true)).toBe('Tiêu đề mục (sections[0].heading): không được để trống');
    expect(namedMessage('sections[0].heading: không được để trống', 'vi')).toBe('Tiêu đề mục (dòng 1): không được để trống');
    expect(namedMessage('limit[gt]: là trường không được phép', 'vi', true)).toBe('trường "limit[gt]": là trường không được phép');
    // A key every object inherits is a key like any other.
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(namedMessage(`${key}: là trường không được phép`, 'vi', true)).toBe(`trường "${key}": là trường không được phép`);
    expect(namedMessage('Kế hoạch đang ở trạng thái "drafting".', 'vi')).toBe('Kế hoạch đang ở trạng thái "drafting".');
  });
});
