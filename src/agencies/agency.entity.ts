import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A department, district or other body that comments on plans (Sở, ban, ngành, UBND huyện …). */
@Entity('agencies')
export class Agency {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;
}
