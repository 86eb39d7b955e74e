import { EnumField, IntField, TextField } from '../../common/validation/fields';
import { DECISION_LABELS, DECISIONS, Decision } from '../domain/disposition';

export class DispositionDto {
  @EnumField(DECISIONS, { description: 'Tiếp thu / tiếp thu một phần / giải trình / không tiếp thu', labels: DECISION_LABELS })
  decision!: Decision;

  @TextField({ max: 20_000, optional: true, nullable: true, description: 'Lý do, nội dung giải trình (bắt buộc trừ khi tiếp thu)' })
  reason?: string | null;

  @IntField({ min: 1, max: 2_000_000_000, optional: true, nullable: true, description: 'Đã thể hiện ở dự thảo lần …' })
  addressedInVersion?: number | null;
}
