import { Injectable } from '@nestjs/common';
import { QUEUES } from '../queue/queues';
import { JobHandlers, QueueProcessor } from '../queue/worker-runner';
import { Digests } from './digests';
import { Dispatcher } from './dispatcher';
import { EmailsService } from './email/emails.service';
import { RemindersService } from './reminders.service';

@Injectable()
export class NotificationsProcessor implements QueueProcessor {
  readonly queue = QUEUES.notifications;
  readonly handlers: JobHandlers;

  constructor(dispatcher: Dispatcher, digests: Digests, emails: EmailsService) {
    this.handlers = {
      'dispatch-event': (data) => dispatcher.dispatch(data.eventId),
      'flush-digest': (data) => digests.flush(data.digestId),
      'send-emails': (data, job) => emails.sendBatch(data.eventKey, data.batch, job),
      'send-email': (data, job) => emails.send(data.emailId, job),
    };
  }
}

@Injectable()
export class RemindersProcessor implements QueueProcessor {
  readonly queue = QUEUES.reminders;
  readonly handlers: JobHandlers;

  constructor(reminders: RemindersService) {
    this.handlers = {
      'round-reminder': (data) => reminders.fireRound(data),
      'directive-reminder': (data) => reminders.fireDirective(data),
    };
  }
}
