import { IntField, TextField } from '../../common/validation/fields';

export class FreezeVersionDto {
  @TextField({ max: 2000, description: 'Ghi chú cho dự thảo lần này', example: 'Dự thảo lần 1 gửi lấy ý kiến các sở, ngành' })
  note!: string;
}

export class DiffQueryDto {
  @IntField({ min: 1, max: 2_000_000_000, fromQuery: true, description: 'So với dự thảo lần …' })
  from!: number;
}
