import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

/** The HTTP side: a person's notifications, and what administrators see of delivery. */
@Module({
  controllers: [NotificationsController, OperationsController],
  providers: [NotificationsService, OperationsService],
  exports: [NotificationsService, OperationsService],
})
export class NotificationsModule {}
