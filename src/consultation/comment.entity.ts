import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Decision } from './domain/disposition';

export type CommentStatus = 'draft' | 'submitted';
export type CommentSource = 'agency' | 'conference';

/** A suggested wording at the comment's quote: delete this, insert that (either may be empty). */
export interface Suggestion {
  delete: string;
  insert: string;
}

/** "Ý kiến góp ý", with the secretariat's disposition on it once decided. */
@Entity('comments')
export class Comment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  roundId!: string;

  @Column('uuid')
  agencyId!: string;

  @Column('uuid')
  authorId!: string;

  @Column('text', { nullable: true })
  sectionKey!: string | null;

  @Column('text', { nullable: true })
  quote!: string | null;

  /** Where the quote stood in the section's body (UTF-16 offsets), with some text on each side. */
  @Column('integer', { nullable: true })
  quoteStart!: number | null;

  @Column('integer', { nullable: true })
  quoteEnd!: number | null;

  @Column('text', { nullable: true })
  quoteBefore!: string | null;

  @Column('text', { nullable: true })
  quoteAfter!: string | null;

  /** How many times the quote occurred in the section when it was anchored. */
  @Column('integer', { nullable: true })
  quoteOccurrences!: number | null;

  @Column('text')
  body!: string;

  @Column('jsonb', { nullable: true })
  suggestion!: Suggestion | null;

  @Column('text')
  status!: CommentStatus;

  @Column('text', { default: 'agency' })
  source!: CommentSource;

  @Column('uuid', { nullable: true })
  responseId!: string | null;

  /** Set for an opinion carried from a conference's minutes (source "conference"). */
  @Column('uuid', { nullable: true })
  conferenceId!: string | null;

  @Column('integer', { nullable: true })
  opinionNo!: number | null;

  @Column('timestamptz', { nullable: true })
  submittedAt!: Date | null;

  @Column('boolean', { default: false })
  late!: boolean;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;

  @Column('text', { nullable: true })
  decision!: Decision | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('integer', { nullable: true })
  addressedInVersion!: number | null;

  @Column('uuid', { nullable: true })
  decidedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;
}

/** A new comment row: what is given, everything else as a fresh, undecided comment has it. */
export function newComment(
  given: Pick<Comment, 'roundId' | 'agencyId' | 'authorId' | 'body' | 'status' | 'source' | 'createdAt'> & Partial<Comment>,
): Omit<Comment, 'id'> {
  return {
    sectionKey: null,
    quote: null,
    quoteStart: null,
    quoteEnd: null,
    quoteBefore: null,
    quoteAfter: null,
    quoteOccurrences: null,
    suggestion: null,
    conferenceId: null,
    opinionNo: null,
    responseId: null,
    submittedAt: null,
    late: false,
    updatedAt: given.createdAt,
    decision: null,
    reason: null,
    addressedInVersion: null,
    decidedBy: null,
    decidedAt: null,
    ...given,
  };
}
