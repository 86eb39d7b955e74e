import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../common/auth/actor';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  fullName!: string;

  @Column('text', { select: false })
  passwordHash!: string;

  @Column('text')
  role!: Role;

  @Column('uuid', { nullable: true })
  agencyId!: string | null;

  @Column('boolean', { default: true })
  active!: boolean;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;
}
