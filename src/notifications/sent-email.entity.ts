import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Notification } from './notification.entity';

/** The email as it was rendered for sending, so the outbox shows what the recipient got, not what it would say now. */
@Entity('sent_email')
export class SentEmail {
  @PrimaryColumn('uuid')
  notificationId!: string;

  @OneToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id' })
  notification?: Notification;

  @Column('text')
  subject!: string;

  @Column('text')
  html!: string;

  @Column('text')
  text!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
