import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** "Văn bản góp ý": an agency's official answer to a round. Withdrawn answers are kept. */
@Entity('responses')
export class Response {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  roundId!: string;

  @Column('uuid')
  agencyId!: string;

  @Column('boolean')
  noComments!: boolean;

  @Column('text', { nullable: true })
  reference!: string | null;

  @Column('uuid')
  submittedBy!: string;

  @Column('timestamptz')
  submittedAt!: Date;

  @Column('boolean')
  late!: boolean;

  @Column('uuid', { nullable: true })
  withdrawnBy!: string | null;

  @Column('timestamptz', { nullable: true })
  withdrawnAt!: Date | null;
}
