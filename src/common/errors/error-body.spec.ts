import { Logger, NotFoundException } from '@nestjs/common';
import { UNIQUE_VIOLATIONS } from './database-errors';
import { DomainError, invalid } from './domain-error';
import { MAX_MESSAGE_CHARS, MAX_MESSAGES, toErrorBody } from './error-body';

const silent = { error: jest.fn() } as unknown as Logger;

describe('toErrorBody', () => {
  it('keeps any number of messages to a small body: the first 20, each cut short, and how many more', () => {
    const many = invalid(Array.from({ length: 200_000 }, (_, i) => ({ vi: `k${i}: là trường không được phép`, en: `k${i}: is not an allowed field` })));
    const body = toErrorBody(many, 'en', silent);
    expect(body.message).toHaveLength(MAX_MESSAGES + 1);
    expect((body.message as string[])[MAX_MESSAGES]).toBe('… and 199,980 more');
    expect(toErrorBody(many, 'vi', silent).message).toContain('… và 199.980 lỗi khác');
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(2_000);
  });

  it('names the field of a refusal in Vietnamese, keeping the key for programs; English as it was; a page without the key', () => {
    const err = invalid([
      { vi: 'reason: không được để trống', en: 'reason: must not be blank' },
      { vi: 'id: phải là UUID hợp lệ', en: 'id: must be a UUID' },
    ]);
    expect(toErrorBody(err, 'vi', silent).message).toEqual(['Lý do (reason): không được để trống', 'Mã định danh (id): phải là UUID hợp lệ']);
    expect(toErrorBody(err, 'en', silent).message).toEqual(['reason: must not be blank', 'id: must be a UUID']);
    expect(toErrorBody(err, 'vi', silent, undefined, true).message).toEqual(['Lý do: không được để trống', 'Mã định danh: phải là UUID hợp lệ']);
    expect(toErrorBody(err, 'en', silent, undefined, true).message).toEqual(['Reason: must not be blank', 'Id: must be a UUID']);
  });

  it('cuts a long message, never inside a surrogate pair', () => {
    const long = toErrorBody(invalid({ vi: `${'k'.repeat(5_000_000)}: sai`, en: `${'k'.repeat(5_000_000)}: wrong` }), 'en', silent);
    expect((long.message as string).length).toBe(MAX_MESSAGE_CHARS);
    expect((long.message as string).endsWith('…')).toBe(true);
    const emoji = toErrorBody(new DomainError('invalid', { vi: '😀'.repeat(400), en: '😀'.repeat(400) }), 'en', silent).message as string;
    expect(emoji.isWellFormed()).toBe(true);
  });

  it("says the router's 404 in the person's language, with the code of every 404", () => {
    const body = toErrorBody(new NotFoundException('Cannot GET /khong-co?x=1'), 'vi', silent);
    expect(body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'not_found',
      message: expect.stringContaining('Không có trang hay địa chỉ nào như vậy: /khong-co?x=1.'),
    });
    expect(toErrorBody(new NotFoundException('Cannot POST /api/x'), 'en', silent).message).toContain('There is no such page or address: /api/x.');
  });

  it('turns a unique violation of a known constraint into a 409 saying what was there', () => {
    const raced = Object.assign(new Error('duplicate key value violates unique constraint "comments_opinion_once"'), {
      code: '23505',
      constraint: 'comments_opinion_once',
    });
    const body = toErrorBody(raced, 'en', silent);
    expect(body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'already_exists', message: UNIQUE_VIOLATIONS.comments_opinion_once.en });
    expect(toErrorBody(Object.assign(new Error('x'), { code: '23505', constraint: 'some_new_key' }), 'vi', silent)).toMatchObject({ statusCode: 409 });
  });

  it('logs an unknown error as a bug, by default too (the pages call it without a logger)', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      expect(toErrorBody(new TypeError('boom'), 'vi').statusCode).toBe(500);
      expect(error).toHaveBeenCalledWith(expect.stringContaining('TypeError: boom'));
      error.mockClear();
      toErrorBody(new TypeError('rethrown'), 'vi', null);
      expect(error).not.toHaveBeenCalled();
    } finally {
      error.mockRestore();
    }
  });
});
