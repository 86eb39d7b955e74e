import { authorityBlock, clean, header, numberLine, paragraphs, personName, recipientEntries, signature, signatureAuthority } from './document-parts';

const UBND = 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH';

describe('document parts', () => {
  it('prints a People’s Committee on two lines, a parent body above the agency, in capitals', () => {
    expect(authorityBlock(UBND)).toEqual({ parent: null, name: ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NINH'] });
    expect(authorityBlock('Ủy ban nhân dân tỉnh Quảng Ninh')).toEqual({ parent: null, name: ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NINH'] });
    expect(authorityBlock('UBND tỉnh Quảng Ninh\nSở Kế hoạch và Đầu tư')).toEqual({ parent: 'UBND TỈNH QUẢNG NINH', name: ['SỞ KẾ HOẠCH VÀ ĐẦU TƯ'] });
    expect(authorityBlock('Sở Tài chính')).toEqual({ parent: null, name: ['SỞ TÀI CHÍNH'] });
  });

  it('writes the number line, blank for the clerk when there is no number yet', () => {
    expect(numberLine('15/ĐA-UBND')).toBe('Số: 15/ĐA-UBND');
    expect(numberLine('/ĐA-UBND').replace(/\u00a0+/g, ' ')).toBe('Số: /ĐA-UBND');
    expect(
      numberLine(undefined)
        .replace(/\u00a0+/g, ' ')
        .trim(),
    ).toBe('Số:');
  });

  it('builds the header, with or without its place-and-date line', () => {
    const ctx = { issuingAuthority: UBND, place: 'Quảng Ninh', number: '15/ĐA-UBND' };
    expect(header(ctx, '2022-06-08T08:00:00+07:00')).toEqual({
      parent: null,
      authority: ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NINH'],
      number: 'Số: 15/ĐA-UBND',
      placeDate: 'Quảng Ninh, ngày 08 tháng 6 năm 2022',
    });
    expect(header(ctx, null, undefined, false).placeDate).toBeNull();
  });

  it('lists "Nơi nhận" one entry a line, ending with the archive line', () => {
    expect(recipientEntries(['Thường trực Tỉnh ủy (b/c);', '- Các sở, ban, ngành', 'UBND các huyện.'])).toEqual([
      '- Thường trực Tỉnh ủy (b/c);',
      '- Các sở, ban, ngành;',
      '- UBND các huyện;',
      '- Lưu: VT.',
    ]);
    expect(recipientEntries(['Như trên', 'Lưu: VT, KTTH.'])).toEqual(['- Như trên;', '- Lưu: VT, KTTH.']);
    expect(recipientEntries(undefined)).toEqual(['- Lưu: VT.']);
    expect(recipientEntries(['', '  '])).toEqual(['- Lưu: VT.']);
  });

  it('prints the name alone under a signature', () => {
    expect(personName('Phạm Văn Thành, Phó Chủ tịch UBND tỉnh')).toBe('Phạm Văn Thành');
    expect(personName('Trần Thị Thu Hà, chuyên viên Sở Kế hoạch và Đầu tư')).toBe('Trần Thị Thu Hà');
    expect(personName('Ông Nguyễn Văn A')).toBe('Nguyễn Văn A');
  });

  it('signs for a People’s Committee with TM. and for its chair with KT.', () => {
    expect(signatureAuthority(UBND, 'Phó Chủ tịch UBND tỉnh')).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    expect(signatureAuthority(UBND, 'Chủ tịch Ủy ban nhân dân tỉnh')).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    expect(signatureAuthority('UBND TỈNH QUẢNG NINH\nSỞ KẾ HOẠCH VÀ ĐẦU TƯ', 'Phó Giám đốc Sở Kế hoạch và Đầu tư')).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    expect(signatureAuthority('SỞ TÀI CHÍNH', 'Giám đốc')).toEqual(['GIÁM ĐỐC']);
  });

  it('builds a signature from what is known, or none', () => {
    const ctx = { issuingAuthority: UBND, place: 'Quảng Ninh' };
    expect(signature(ctx, { position: 'Phó Chủ tịch UBND tỉnh' }, 'Phạm Văn Thành')).toEqual({
      authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
      name: 'Phạm Văn Thành',
    });
    expect(signature(ctx, { authority: ['tm. ủy ban nhân dân', 'chủ tịch'], name: 'Nguyễn Hoàng Nam' })).toEqual({
      authority: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
      name: 'Nguyễn Hoàng Nam',
    });
    expect(signature(ctx, undefined, 'Phạm Văn Thành')).toEqual({ authority: ['TM. ỦY BAN NHÂN DÂN'], name: 'Phạm Văn Thành' });
    expect(signature(ctx, undefined)).toBeNull();
  });

  it('normalizes text to NFC and splits paragraphs', () => {
    expect(clean(' Hợp tác xã '.normalize('NFD'))).toBe('Hợp tác xã');
    expect(paragraphs('Một.\n\nHai.\r\nBa.')).toEqual(['Một.', 'Hai.', 'Ba.']);
    expect(paragraphs(null)).toEqual([]);
  });
});
