export const ROLES = ['admin', 'secretariat', 'leader', 'agency'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the signed-in user as every service sees it. */
export interface Actor {
  id: string;
  role: Role;
  /** Set for agency users (their agency) and for other staff who belong to one. */
  agencyId: string | null;
  email: string;
  fullName: string;
}

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'quản trị', en: 'administrator' },
  secretariat: { vi: 'cơ quan chủ trì soạn thảo', en: 'secretariat' },
  leader: { vi: 'lãnh đạo', en: 'leader' },
  agency: { vi: 'đơn vị góp ý', en: 'agency' },
};
