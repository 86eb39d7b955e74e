import type { DocumentView } from '../../documents/dto/document.dto';
import type { Text } from '../lang';

/** What a document is, for a person: "Dự thảo lần 2", "Bảng so sánh lần 1 – lần 2" … */
export function documentLabel(d: Pick<DocumentView, 'kind' | 'subject'>): Text {
  const s = d.subject as { versionNumber?: number; from?: number; to?: number };
  switch (d.kind) {
    case 'plan':
      return { vi: `Dự thảo lần ${s.versionNumber}`, en: `Version ${s.versionNumber}` };
    case 'report':
      return { vi: 'Báo cáo tổng hợp, giải trình, tiếp thu ý kiến', en: 'Consolidation report' };
    case 'minutes':
      return { vi: 'Biên bản hội nghị', en: 'Conference minutes' };
    case 'comparison':
      return { vi: `Bảng so sánh dự thảo lần ${s.from} và lần ${s.to}`, en: `Comparison of versions ${s.from} and ${s.to}` };
    case 'approved':
      return { vi: `Bản phê duyệt có chữ ký số (dự thảo lần ${s.versionNumber})`, en: `Approved and signed (version ${s.versionNumber})` };
  }
}

/** Where the thing a document is of can be seen. */
export function subjectLink(d: DocumentView): string {
  const s = d.subject as { planId?: string; roundId?: string; conferenceId?: string; versionNumber?: number };
  if (d.kind === 'report' && s.roundId) return `/rounds/${s.roundId}/board`;
  if (d.kind === 'minutes' && s.conferenceId) return `/conferences/${s.conferenceId}`;
  if (d.kind === 'approved' && s.planId) return `/plans/${s.planId}/approved`;
  if (d.kind === 'plan' && s.planId) return `/plans/${s.planId}/versions/${s.versionNumber}`;
  return s.planId ? `/plans/${s.planId}` : '/';
}
