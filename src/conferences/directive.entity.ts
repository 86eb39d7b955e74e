import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** "Nhiệm vụ được giao": a task from a conference's conclusions, with an assignee agency and a due date. */
@Entity('directives')
export class Directive {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  conferenceId!: string;

  @Column('uuid')
  planId!: string;

  @Column('integer')
  position!: number;

  @Column('uuid')
  agencyId!: string;

  @Column('text')
  task!: string;

  /** A calendar date, YYYY-MM-DD. */
  @Column('date')
  dueDate!: string;

  @Column('numeric', { nullable: true, transformer: numeric })
  target!: number | null;

  @Column('numeric', { nullable: true, transformer: numeric })
  value!: number | null;

  @Column('text')
  status!: 'open' | 'done';

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
