import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SessionAssessment } from '@livelab/contracts';
import { reflectionGradeSchema, reflectionSchema, scoreOverrideSchema } from '@livelab/contracts';
import { dataExerciseAnswersSchema } from '@livelab/engagement';
import { z } from 'zod';
import { AuthGuard, Claims } from '../auth/auth.guard';
import type { TokenClaims } from '../auth/tokens';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AssessmentService } from './assessment.service';

@ApiTags('assessment')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('sessions/:sessionId/assessment')
export class AssessmentController {
  constructor(private readonly assessment: AssessmentService) {}

  @Get()
  @ApiOperation({
    summary: 'The computed and the final score, the override audit trail, the written 复盘 and its grade',
  })
  async get(
    @Claims() claims: TokenClaims,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<SessionAssessment> {
    return this.assessment.assessment(claims, await this.assessment.access(claims, sessionId));
  }

  @Post('overrides')
  @HttpCode(200)
  @ApiOperation({
    summary: "Override one rubric item's points with a comment (the room's instructor; ended sessions)",
  })
  @ApiBody({ schema: z.toJSONSchema(scoreOverrideSchema, { io: 'input' }) as object })
  async override(
    @Claims() claims: TokenClaims,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body(new ZodValidationPipe(scoreOverrideSchema)) body: z.output<typeof scoreOverrideSchema>,
  ): Promise<SessionAssessment> {
    return this.assessment.override(claims, await this.assessment.access(claims, sessionId), body);
  }

  @Get('exercise')
  @ApiOperation({
    summary:
      "The data exercise from the session's own figures (questions only), and its graded answers once sent",
  })
  async exercise(@Claims() claims: TokenClaims, @Param('sessionId', ParseUUIDPipe) sessionId: string) {
    return this.assessment.exercise(await this.assessment.access(claims, sessionId));
  }

  @Post('exercise')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer the data exercise (once): percentages as numbers (3.2 for 3.2 %), CNY, choices',
  })
  @ApiBody({
    schema: z.toJSONSchema(z.object({ answers: dataExerciseAnswersSchema }), { io: 'input' }) as object,
  })
  async answer(
    @Claims() claims: TokenClaims,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body(new ZodValidationPipe(z.object({ answers: dataExerciseAnswersSchema })))
    body: { answers: z.output<typeof dataExerciseAnswersSchema> },
  ) {
    return this.assessment.answerExercise(
      claims,
      await this.assessment.access(claims, sessionId),
      body.answers,
    );
  }

  @Put('reflection')
  @ApiOperation({
    summary: 'Write the 复盘: targets vs actual, three problems, three measures (the trainee)',
  })
  @ApiBody({ schema: z.toJSONSchema(reflectionSchema, { io: 'input' }) as object })
  async reflect(
    @Claims() claims: TokenClaims,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body(new ZodValidationPipe(reflectionSchema)) body: z.output<typeof reflectionSchema>,
  ): Promise<SessionAssessment> {
    return this.assessment.reflect(claims, await this.assessment.access(claims, sessionId), body);
  }

  @Post('reflection/grade')
  @HttpCode(200)
  @ApiOperation({ summary: "Grade the 复盘 out of 20 with a comment (the room's instructor)" })
  @ApiBody({ schema: z.toJSONSchema(reflectionGradeSchema, { io: 'input' }) as object })
  async grade(
    @Claims() claims: TokenClaims,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body(new ZodValidationPipe(reflectionGradeSchema)) body: z.output<typeof reflectionGradeSchema>,
  ): Promise<SessionAssessment> {
    return this.assessment.gradeReflection(claims, await this.assessment.access(claims, sessionId), body);
  }
}
