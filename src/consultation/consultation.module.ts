import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { PlansModule } from '../plans/plans.module';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';
import { Comment } from './comment.entity';
import { CommentAnchors } from './comment-anchors.service';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';
import { DispositionReason } from './disposition-reason.entity';
import { DispositionReasonsController } from './disposition-reasons.controller';
import { DispositionReasonsService } from './disposition-reasons.service';
import { DispositionsService } from './dispositions.service';
import { ReportService } from './report.service';
import { Response } from './response.entity';
import { ResponseLettersController } from './response-letters.controller';
import { ResponseLettersService } from './response-letters.service';
import { ResponsesService } from './responses.service';
import { RoundAccess } from './round-access';
import { RoundAgency } from './round-agency.entity';
import { Round } from './round.entity';
import { RoundsController } from './rounds.controller';
import { RoundSummaries } from './round-summaries.query';
import { RoundsService } from './rounds.service';
import { VersionCommentsController } from './version-comments.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Round, RoundAgency, Response, Comment, DispositionReason]), PlansModule, AgenciesModule],
  controllers: [RoundsController, ResponseLettersController, CommentsController, BoardController, DispositionReasonsController, VersionCommentsController],
  providers: [
    RoundsService,
    RoundAccess,
    CommentsService,
    CommentAnchors,
    ResponsesService,
    ResponseLettersService,
    DispositionsService,
    ReportService,
    BoardService,
    DispositionReasonsService,
    RoundSummaries,
  ],
  exports: [
    RoundAccess,
    CommentsService,
    CommentAnchors,
    ReportService,
    RoundsService,
    ResponsesService,
    ResponseLettersService,
    DispositionsService,
    BoardService,
    DispositionReasonsService,
    RoundSummaries,
  ],
})
export class ConsultationModule {}
