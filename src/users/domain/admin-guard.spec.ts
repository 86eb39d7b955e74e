import { adminChangeRefusal, agencyMissing } from './admin-guard';

const ME = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const admin = { role: 'admin' as const, active: true };

describe('admin guard', () => {
  it('refuses an administrator disabling or demoting their own account', () => {
    expect(adminChangeRefusal(ME, ME, admin, { ...admin, active: false }, 3)).toBe('own_account');
    expect(adminChangeRefusal(ME, ME, admin, { role: 'secretariat', active: true }, 3)).toBe('own_account');
  });

  it('refuses taking away the last working administrator', () => {
    expect(adminChangeRefusal(ME, OTHER, admin, { ...admin, active: false }, 0)).toBe('last_admin');
    expect(adminChangeRefusal(ME, OTHER, admin, { role: 'leader', active: true }, 0)).toBe('last_admin');
    expect(adminChangeRefusal(ME, OTHER, admin, { ...admin, active: false }, 1)).toBeNull();
  });

  it('lets anything else through: an own name change, another role, enabling', () => {
    expect(adminChangeRefusal(ME, ME, admin, admin, 0)).toBeNull();
    expect(adminChangeRefusal(ME, OTHER, { role: 'agency', active: true }, { role: 'agency', active: false }, 0)).toBeNull();
    expect(adminChangeRefusal(ME, OTHER, { role: 'admin', active: false }, { role: 'leader', active: false }, 0)).toBeNull();
    expect(adminChangeRefusal(ME, OTHER, { role: 'leader', active: false }, admin, 0)).toBeNull();
  });

  it('names the agency role in Vietnamese when an agency account has no agency', () => {
    expect(agencyMissing('agency', null)?.text).toEqual({ vi: 'agencyId: bắt buộc với vai trò đơn vị góp ý', en: 'agencyId: required for the agency role' });
    expect(agencyMissing('agency', 'a')).toBeNull();
    expect(agencyMissing('leader', null)).toBeNull();
  });
});
