import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { EmailField, PasswordField } from './fields';

class Account {
  @EmailField()
  email!: string;

  @PasswordField({ min: 8 })
  password!: string;
}

const problems = async (input: object) => {
  const errors = await validate(plainToInstance(Account, input), { whitelist: true, forbidNonWhitelisted: true });
  return Object.fromEntries(errors.map((e) => [e.property, Object.keys(e.constraints ?? {})]));
};

describe('e-mail and password fields keep the text rules', () => {
  it('refuses a lone surrogate in an e-mail instead of throwing (validator.isEmail throws a URIError on it)', async () => {
    expect(await problems({ email: 'a\ud800@test.vn', password: 'password-1' })).toEqual({ email: ['wellFormedUnicode'] });
    expect(await problems({ email: '\udfff', password: 'password-1' })).toEqual({ email: ['wellFormedUnicode'] });
  });

  it('refuses control characters and blank text in both', async () => {
    expect(await problems({ email: 'a\u0000@test.vn', password: 'pass\u007fword-1' })).toEqual({
      email: ['noControlCharacters'],
      password: ['noControlCharacters'],
    });
    expect(await problems({ email: '   ', password: ' '.repeat(10) })).toEqual({ email: ['notBlank', 'isEmail'], password: ['notBlank'] });
  });

  it('refuses a 5 MB value by its length, at once', async () => {
    expect(await problems({ email: `${'a'.repeat(5_000_000)}@test.vn`, password: 'p'.repeat(5_000_000) })).toEqual({
      email: ['maxChars'],
      password: ['passwordLength'],
    });
  });

  it('accepts an ordinary address and password', async () => {
    expect(await problems({ email: ' Lan.Nguyen@SKHDT.quangninh.gov.vn ', password: 'mật-khẩu-😀' })).toEqual({});
  });
});
