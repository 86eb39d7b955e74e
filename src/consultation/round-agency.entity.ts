import { Entity, PrimaryColumn } from 'typeorm';

/** An agency invited to a round. Its row is also the lock that orders that agency's writes in the round. */
@Entity('round_agencies')
export class RoundAgency {
  @PrimaryColumn('uuid')
  roundId!: string;

  @PrimaryColumn('uuid')
  agencyId!: string;
}
