import {
  CsPracticeEntity,
  ScoreOverrideEntity,
  SessionAssessmentEntity,
} from '../assessment/assessment.entities';
import { ClassEntity, ClassMemberEntity } from '../classes/class.entity';
import { MediaJobEntity } from '../clips/media-job.entity';
import { SessionEventEntity } from '../event-log/session-event.entity';
import { LiveSessionEntity } from '../rooms/live-session.entity';
import { ProductEntity } from '../rooms/product.entity';
import { RoomEntity } from '../rooms/room.entity';
import { ScenarioEntity } from '../scenarios/scenario.entity';
import { UserEntity } from '../users/user.entity';

export const ENTITIES = [
  UserEntity,
  ScenarioEntity,
  RoomEntity,
  ProductEntity,
  LiveSessionEntity,
  SessionEventEntity,
  ClassEntity,
  ClassMemberEntity,
  ScoreOverrideEntity,
  SessionAssessmentEntity,
  CsPracticeEntity,
  MediaJobEntity,
];
