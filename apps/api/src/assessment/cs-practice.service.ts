import { randomInt } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { CsPracticeView } from '@livelab/contracts';
import type { ComplaintCause, CsCase, CsState, ObjectionCause } from '@livelab/engagement';
import {
  COMPLAINT_CAUSES,
  COMPLAINT_TYPE_LABELS,
  complaintCauseLabel,
  createCsCase,
  gradeCsDialogue,
  OBJECTION_CAUSES,
  OBJECTION_TYPE_LABELS,
  objectionCauseLabel,
  replyTo,
  startConversation,
  STEP_LABELS,
} from '@livelab/engagement';
import { z } from 'zod';
import type { TokenClaims } from '../auth/tokens';
import { ScenariosService } from '../scenarios/scenarios.service';
import type { CsPracticeRecord } from './assessment.repository';
import { AssessmentRepository } from './assessment.repository';

/** A stored conversation read back: the engine's state (its own shape, checked where it matters). */
const storedStateSchema = z
  .object({
    csCase: z
      .object({ id: z.string(), kind: z.enum(['presale', 'objection', 'complaint']), seed: z.number() })
      .loose(),
    transcript: z.array(
      z.object({ from: z.enum(['customer', 'trainee']), text: z.string(), atMs: z.number() }).loose(),
    ),
    done: z.boolean(),
  })
  .loose();
const storedGradeSchema = z
  .object({
    score: z.number(),
    max: z.number(),
    items: z.array(z.object({}).loose()),
    missingSteps: z.array(z.string()),
  })
  .loose();

/**
 * Customer-service practice (客服练习): a simulated customer of the scenario holds a conversation (pre-sale with
 * bargaining, an objection of a type and cause, a complaint); the trainee replies and is graded against the
 * seven pre-sale steps and the objection and complaint procedures. The case's hidden truth (what the objection
 * really is) is shown only with the grade.
 */
@Injectable()
export class CsPracticeService {
  constructor(
    private readonly assessments: AssessmentRepository,
    private readonly scenarios: ScenariosService,
  ) {}

  async start(
    claims: TokenClaims,
    request: { scenarioId: string; kind: CsCase['kind']; seed?: number },
  ): Promise<CsPracticeView> {
    const userId = this.accountOf(claims);
    const scenario = await this.scenarios.get(request.scenarioId);
    const seed = request.seed ?? randomInt(2 ** 31 - 1);
    const state = startConversation(createCsCase(scenario, { kind: request.kind, seed }), 0);
    const record = await this.assessments.createPractice({
      userId,
      scenarioId: scenario.id,
      kind: request.kind,
      seed,
      state,
    });
    return this.view(record);
  }

  async get(claims: TokenClaims, id: string): Promise<CsPracticeView> {
    return this.view(await this.own(claims, id));
  }

  async list(claims: TokenClaims): Promise<CsPracticeView[]> {
    const records = await this.assessments.practicesOf(this.accountOf(claims));
    return records.map((record) => this.view(record));
  }

  /** The trainee's reply, timed from the start of the conversation; the customer answers in the same state. */
  async reply(claims: TokenClaims, id: string, text: string): Promise<CsPracticeView> {
    const record = await this.own(claims, id);
    if (record.result !== null) throw new ConflictException('this conversation has been graded');
    const state = stateOf(record);
    if (state.done)
      throw new ConflictException('the customer has left the conversation; finish it to see the grade');
    const next = replyTo(state, text, Date.now() - record.createdAt.getTime());
    await this.assessments.updatePractice(record.id, next, null);
    return this.view({ ...record, state: next });
  }

  /** Ends the conversation and grades it, with the trainee's identification of the objection or complaint. */
  async finish(
    claims: TokenClaims,
    id: string,
    identification: { type?: string; cause?: string },
  ): Promise<CsPracticeView> {
    const record = await this.own(claims, id);
    if (record.result !== null) return this.view(record);
    const state = stateOf(record);
    const { kind, language } = state.csCase;
    // The grade's evidence quotes what the trainee said it was: in words, as the options showed them.
    const type = identification.type ? typeLabel(kind, identification.type, language) : undefined;
    const cause = identification.cause ? causeLabel(kind, identification.cause, language) : undefined;
    const grade = gradeCsDialogue(state.csCase, state.transcript, {
      ...(kind === 'objection' && type ? { objectionType: type } : {}),
      ...(kind === 'complaint' && type ? { complaintType: type } : {}),
      ...(cause ? { cause } : {}),
    });
    const done = { ...state, done: true };
    await this.assessments.updatePractice(record.id, done, grade);
    return this.view({ ...record, state: done, result: grade });
  }

  private accountOf(claims: TokenClaims): string {
    if (claims.role !== 'trainee' && claims.role !== 'instructor')
      throw new ForbiddenException('sign in with an account to practise customer service');
    return claims.sub;
  }

  private async own(claims: TokenClaims, id: string): Promise<CsPracticeRecord> {
    const record = await this.assessments.findPractice(id);
    if (!record || record.userId !== this.accountOf(claims))
      throw new NotFoundException('no such practice conversation');
    return record;
  }

  private view(record: CsPracticeRecord): CsPracticeView {
    const state = stateOf(record);
    const csCase = state.csCase;
    const graded = record.result === null ? null : storedGradeSchema.parse(record.result);
    return {
      id: record.id,
      kind: csCase.kind,
      scenarioId: record.scenarioId,
      seed: record.seed,
      product:
        csCase.language === 'en' ? (csCase.product.nameEn ?? csCase.product.name) : csCase.product.name,
      customer: csCase.persona.nickname,
      transcript: state.transcript.map(({ from, text, atMs }) => ({ from, text, atMs })),
      done: state.done || graded !== null,
      outcome: state.outcome,
      options: optionsFor(csCase.kind),
      grade: graded
        ? {
            score: graded.score,
            max: graded.max,
            items: graded.items as unknown as NonNullable<CsPracticeView['grade']>['items'],
            missingSteps: graded.missingSteps.map((step) => ({
              step,
              ...(STEP_LABELS[step as keyof typeof STEP_LABELS] ?? { zh: step, en: step }),
            })),
            truth: truthOf(csCase),
          }
        : null,
      createdAt: record.createdAt.toISOString(),
    };
  }
}

/** An option's key in the case's language (the grade also reads keys and the trainee's own words). */
function typeLabel(kind: CsCase['kind'], type: string, language: CsCase['language']): string {
  const labels: Record<string, { zh: string; en: string }> =
    kind === 'objection' ? OBJECTION_TYPE_LABELS : kind === 'complaint' ? COMPLAINT_TYPE_LABELS : {};
  return labels[type]?.[language] ?? type;
}

function causeLabel(kind: CsCase['kind'], cause: string, language: CsCase['language']): string {
  const known = (list: Record<string, readonly string[]>) =>
    Object.values(list).some((causes) => causes.includes(cause));
  if (kind === 'objection' && known(OBJECTION_CAUSES))
    return objectionCauseLabel(cause as ObjectionCause)[language];
  if (kind === 'complaint' && known(COMPLAINT_CAUSES))
    return complaintCauseLabel(cause as ComplaintCause)[language];
  return cause;
}

/** What the objection or complaint really was, in both languages (shown with the grade). */
function truthOf(csCase: CsCase): NonNullable<CsPracticeView['grade']>['truth'] {
  if (csCase.objection)
    return {
      type: OBJECTION_TYPE_LABELS[csCase.objection.type],
      cause: objectionCauseLabel(csCase.objection.cause),
    };
  if (csCase.complaint)
    return {
      type: COMPLAINT_TYPE_LABELS[csCase.complaint.type],
      cause: complaintCauseLabel(csCase.complaint.cause),
    };
  return null;
}

function stateOf(record: CsPracticeRecord): CsState {
  const parsed = storedStateSchema.safeParse(record.state);
  if (!parsed.success) throw new Error(`practice ${record.id}: its conversation does not parse`);
  return parsed.data as unknown as CsState;
}

/** The types and causes a trainee identifies an objection or complaint with (none for a pre-sale chat). */
function optionsFor(kind: CsCase['kind']): CsPracticeView['options'] {
  if (kind === 'objection')
    return Object.entries(OBJECTION_CAUSES).map(([type, causes]) => ({
      type,
      label: OBJECTION_TYPE_LABELS[type as keyof typeof OBJECTION_CAUSES],
      causes: causes.map((cause) => ({ cause, label: objectionCauseLabel(cause) })),
    }));
  if (kind === 'complaint')
    return Object.entries(COMPLAINT_CAUSES).map(([type, causes]) => ({
      type,
      label: COMPLAINT_TYPE_LABELS[type as keyof typeof COMPLAINT_CAUSES],
      causes: causes.map((cause) => ({ cause, label: complaintCauseLabel(cause) })),
    }));
  return [];
}
