import type { Text } from '../../common/errors/domain-error';

export const DECISIONS = ['accepted', 'partially_accepted', 'explained', 'not_accepted'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_LABELS: Record<Decision, Text> = {
  accepted: { vi: 'Tiếp thu', en: 'Accepted' },
  partially_accepted: { vi: 'Tiếp thu một phần', en: 'Partially accepted' },
  explained: { vi: 'Giải trình', en: 'Explained' },
  not_accepted: { vi: 'Không tiếp thu', en: 'Not accepted' },
};

export interface DispositionInput {
  decision: Decision;
  reason?: string | null;
  addressedInVersion?: number | null;
}

/**
 * The rules of a disposition: every decision but "accepted" gives its reason; the version that
 * takes the comment in must exist and be newer than the version the comment was made on.
 */
export function dispositionProblems(input: DispositionInput, ctx: { roundVersion: number; latestVersion: number }): Text[] {
  const problems: Text[] = [];
  if (input.decision !== 'accepted' && !input.reason?.trim()) {
    problems.push({
      vi: `reason: cần nêu lý do khi quyết định là "${DECISION_LABELS[input.decision].vi}"`,
      en: `reason: required unless the decision is "accepted"`,
    });
  }
  const v = input.addressedInVersion;
  if (v !== undefined && v !== null) {
    if (v <= ctx.roundVersion) {
      problems.push({
        vi: `addressedInVersion: phải là dự thảo sau dự thảo lần ${ctx.roundVersion} mà ý kiến góp vào`,
        en: `addressedInVersion: must be newer than version ${ctx.roundVersion}, the one commented on`,
      });
    } else if (v > ctx.latestVersion) {
      problems.push({
        vi: `addressedInVersion: dự thảo lần ${v} chưa có (mới nhất là lần ${ctx.latestVersion})`,
        en: `addressedInVersion: version ${v} does not exist (latest is ${ctx.latestVersion})`,
      });
    }
  }
  return problems;
}
