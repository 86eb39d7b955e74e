import { Matches } from 'class-validator';
import { TextField } from '../../common/validation/fields';

export class CreateAgencyDto {
  @TextField({ max: 50, description: 'Mã đơn vị (chữ, số, "-", "_", ".")', example: 'SKHDT' })
  @Matches(/^[\p{L}\p{N}._-]+$/u, {
    message: 'code: may hold letters, digits, ".", "_" and "-"',
    context: { vi: 'chỉ gồm chữ, số, ".", "_" và "-"', en: 'may hold letters, digits, ".", "_" and "-"' },
  })
  code!: string;

  @TextField({ max: 500, description: 'Tên đơn vị', example: 'Sở Kế hoạch và Đầu tư' })
  name!: string;
}
