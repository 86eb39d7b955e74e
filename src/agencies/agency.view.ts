import { ApiProperty } from '@nestjs/swagger';
import type { Agency } from './agency.entity';

export class AgencyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;

  static of(a: Agency): AgencyView {
    return { id: a.id, code: a.code, name: a.name };
  }
}

export class AgencyList {
  @ApiProperty({ type: [AgencyView] }) items!: AgencyView[];
  @ApiProperty() total!: number;
}
