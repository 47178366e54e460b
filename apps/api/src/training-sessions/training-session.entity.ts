import type { EnrolmentStatus, TrainingSessionStatus } from '@brevet/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AwardEntity } from '../awards/award.entity';
import { BranchEntity } from '../branches/branch.entity';
import { CredentialDefinitionEntity } from '../credentials/credential.entity';
import { StaffEntity } from '../staff/staff.entity';

/**
 * An on-site training session: one credential definition, taught at one branch by one instructor (a staff
 * member), between two instants. Times are stored as instants and shown in the branch's zone. `revision`
 * counts changes (the calendar's SEQUENCE and the edit conflict check).
 */
@Entity({ name: 'training_session' })
@Check('ck_training_session_status', `"status" IN ('scheduled', 'cancelled', 'completed')`)
@Check('ck_training_session_capacity', `"capacity" BETWEEN 1 AND 500`)
@Check('ck_training_session_times', `"ends_at" > "starts_at"`)
@Index('ix_training_session_branch_starts', ['branchId', 'startsAt'])
export class TrainingSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_training_session_definition')
  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => CredentialDefinitionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id', foreignKeyConstraintName: 'fk_training_session_definition' })
  definition?: CredentialDefinitionEntity;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => BranchEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_training_session_branch' })
  branch?: BranchEntity;

  /** Address and room. */
  @Column({ type: 'varchar', length: 300 })
  location!: string;

  @Index('ix_training_session_starts')
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Index('ix_training_session_instructor')
  @Column({ name: 'instructor_staff_id', type: 'uuid' })
  instructorStaffId!: string;

  @ManyToOne(() => StaffEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'instructor_staff_id', foreignKeyConstraintName: 'fk_training_session_instructor' })
  instructor?: StaffEntity;

  @Column({ type: 'integer' })
  capacity!: number;

  @Column({ type: 'varchar', length: 16, default: 'scheduled' })
  status!: TrainingSessionStatus;

  @Column({ name: 'certificates_issued_at', type: 'timestamptz', nullable: true })
  certificatesIssuedAt!: Date | null;

  /** The next enrolment's place in the queue (seats and waiting list are ordered by it). */
  @Column({ name: 'next_position', type: 'integer', default: 1 })
  nextPosition!: number;

  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/**
 * One person's place in a session: a seat (`enrolled`) or a place on the waiting list (`waitlisted`), in the
 * order of `position`. A cancelled enrolment stays as history; one person holds at most one live enrolment per
 * session (`uq_training_enrolment_live`). Attendance and result are recorded on the seat; `award_id` is the
 * award issued from it, set once.
 */
@Entity({ name: 'training_session_enrolment' })
@Check('ck_training_enrolment_status', `"status" IN ('enrolled', 'waitlisted', 'cancelled')`)
@Check('ck_training_enrolment_passed', `"passed" IS NOT TRUE OR "attended" IS TRUE`)
@Index('uq_training_enrolment_live', ['sessionId', 'staffId'], {
  unique: true,
  where: `"status" <> 'cancelled'`,
})
@Index('uq_training_enrolment_position', ['sessionId', 'position'], { unique: true })
export class TrainingSessionEnrolmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => TrainingSessionEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_training_enrolment_session' })
  session?: TrainingSessionEntity;

  @Index('ix_training_enrolment_staff')
  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @ManyToOne(() => StaffEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_training_enrolment_staff' })
  staff?: StaffEntity;

  @Column({ type: 'varchar', length: 16 })
  status!: EnrolmentStatus;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'boolean', nullable: true })
  attended!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  passed!: boolean | null;

  @Column({ name: 'award_id', type: 'uuid', nullable: true })
  awardId!: string | null;

  @ManyToOne(() => AwardEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id', foreignKeyConstraintName: 'fk_training_enrolment_award' })
  award?: AwardEntity;

  @Column({ name: 'enrolled_by_user_id', type: 'uuid', nullable: true })
  enrolledByUserId!: string | null;

  @Column({ name: 'enrolled_by_name', type: 'varchar', length: 200, nullable: true })
  enrolledByName!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;
}
