import type { UserStatus } from '../../users/dto/list-users.dto';
import type { Text } from '../lang';

/** The user list's status filter, as the pages word it. */
export const USER_STATUS_LABELS: { value: UserStatus; label: Text }[] = [
  { value: 'active', label: { vi: 'Đang hoạt động', en: 'Active' } },
  { value: 'disabled', label: { vi: 'Đã khoá', en: 'Disabled' } },
  { value: 'all', label: { vi: 'Tất cả', en: 'All' } },
];
