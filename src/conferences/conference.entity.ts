import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface Attendee {
  name: string;
  position: string | null;
  agencyId: string | null;
}

export interface Opinion {
  speaker: string;
  agencyId: string | null;
  content: string;
}

export interface DirectiveInput {
  agencyId: string;
  task: string;
  dueDate: string;
  target: number | null;
}

/** The minutes (biên bản) as written; directives become tracked tasks when the minutes are finalised. */
export interface Minutes {
  summary: string;
  opinions: Opinion[];
  conclusions: string[];
  directives: DirectiveInput[];
  endedAt: string;
}

/** "Hội nghị": a meeting on a plan. */
@Entity('conferences')
export class Conference {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  planId!: string;

  @Column('text')
  title!: string;

  @Column('timestamptz')
  heldAt!: Date;

  @Column('text')
  location!: string;

  @Column('text')
  chair!: string;

  @Column('text')
  secretary!: string;

  @Column('jsonb')
  attendees!: Attendee[];

  @Column('jsonb', { nullable: true })
  minutes!: Minutes | null;

  @Column('timestamptz', { nullable: true })
  finalizedAt!: Date | null;

  @Column('uuid', { nullable: true })
  finalizedBy!: string | null;

  @Column('uuid')
  createdBy!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
