import { AccountEntity } from './account.entity';
import { AiFirmEntity } from './ai-firm.entity';
import { AiSystemEntity } from './ai-system.entity';
import { ApiKeyEntity } from './api-key.entity';
import { AssessmentEntity } from './assessment.entity';
import { CaseEntity } from './case.entity';
import { CaseEventEntity } from './case-event.entity';
import { CaseWorkEntity } from './case-work.entity';
import { DeadlineEntity } from './deadline.entity';
import { CreatorProfileEntity } from './creator-profile.entity';
import { EvidenceEntity } from './evidence.entity';
import { MediatorProfileEntity } from './mediator-profile.entity';
import { OutboxEntity } from './outbox.entity';
import { ReferenceCounterEntity } from './reference-counter.entity';
import { WorkEntity } from './work.entity';

export {
  AccountEntity, AiFirmEntity, AiSystemEntity, ApiKeyEntity, AssessmentEntity, CaseEntity, CaseEventEntity, CaseWorkEntity,
  CreatorProfileEntity, DeadlineEntity, EvidenceEntity, MediatorProfileEntity, OutboxEntity, ReferenceCounterEntity, WorkEntity,
};

export const ENTITIES = [
  AccountEntity, AiFirmEntity, AiSystemEntity, ApiKeyEntity, AssessmentEntity, CaseEntity, CaseEventEntity, CaseWorkEntity,
  CreatorProfileEntity, DeadlineEntity, EvidenceEntity, MediatorProfileEntity, OutboxEntity, ReferenceCounterEntity, WorkEntity,
];
