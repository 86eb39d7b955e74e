import { Module } from '@nestjs/common';
import { Deliveries } from './deliveries';
import { Digests } from './digests';
import { Dispatcher } from './dispatcher';
import { EmailsService } from './email/emails.service';
import { Mailer } from './email/mailer';
import { NotificationsProcessor, RemindersProcessor } from './notifications.processor';
import { OutboxRelay } from './outbox-relay';
import { RemindersService } from './reminders.service';

/** The working side: the outbox relay, the dispatcher, reminders and e-mail. Runs where workers run. */
@Module({
  providers: [OutboxRelay, Dispatcher, Deliveries, Digests, RemindersService, EmailsService, Mailer, NotificationsProcessor, RemindersProcessor],
  exports: [NotificationsProcessor, RemindersProcessor],
})
export class NotificationsWorkerModule {}
